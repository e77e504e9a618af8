// Aggregator throughput (issue 5): "a minute of 100 instances", i.e. 100 metrics messages of a
// realistic size (50 flags x 3 variants, rule matches, 5 experiments, latency distributions, HTTP
// and cache counters). Measures in process: validate (JSON + zod) + merge + map to Monitoring
// requests, and a whole run on in-memory parts; and, when the emulators' addresses are exported
// (node scripts/services/start.ts), a whole run pulling from the Pub/Sub emulator, with memory and
// with Firestore rollups. Prints one JSON object. Run: node scripts/bench/aggregate.ts

import { randomUUID } from 'node:crypto';
import { runAggregation, type AggregatorDeps } from '../../shared/aggregate/aggregate-run.ts';
import { mergeMessages } from '../../shared/aggregate/merge.ts';
import { createMemoryRollupStore } from '../../shared/aggregate/memory-rollup-store.ts';
import { memorySource, type MessageSource } from '../../shared/aggregate/message-source.ts';
import { recordingWriter } from '../../shared/aggregate/metric-writer.ts';
import { pubsubSource } from '../../shared/aggregate/pubsub-source.ts';
import type { RollupStore } from '../../shared/aggregate/rollup-store.ts';
import { planRequests } from '../../shared/aggregate/time-series.ts';
import { LATENCY_BUCKETS_MS } from '../../shared/telemetry/metrics.ts';
import { MetricsMessageSchema, type MetricsMessage } from '../../shared/telemetry/metrics-message.ts';
import { createMetricsRecorder } from '../../shared/telemetry/recorder.ts';

process.env.METADATA_SERVER_DETECTION = 'none';
const INSTANCES = 100;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 30);
const NOW = Date.now();

function instanceMessage(i: number): MetricsMessage {
  const counters: MetricsMessage['counters'] = [];
  for (let f = 0; f < 50; f++) {
    for (const [v, variant] of ['control', 'treatment', 'holdout'].entries()) counters.push({ m: 'evaluations', l: { environment: 'production', flag: `flag-${f}`, variant, reason: 'SPLIT' }, v: 20 + ((i * 7 + f * 3 + v) % 40) });
    counters.push({ m: 'rule_matches', l: { environment: 'production', flag: `flag-${f}`, rule: `rule-${f % 4}` }, v: 30 + (i % 10) });
  }
  for (let e = 0; e < 5; e++) for (const variant of ['control', 'treatment', 'holdout']) counters.push({ m: 'exposures', l: { environment: 'production', experiment: `exp-${e}`, variant }, v: 20 + (i % 5) });
  for (const status of ['200', '304', '400', '429']) counters.push({ m: 'http_requests', l: { function: 'evaluate', route: '/ofrep/v1/evaluate/flags/:key', status }, v: 100 + i });
  for (const result of ['hit', 'miss']) counters.push({ m: 'cache_lookups', l: { cache: 'snapshot', result }, v: 50 });
  const distribution = (m: 'evaluation_latency' | 'http_latency', l: Record<string, string>) => {
    const buckets = LATENCY_BUCKETS_MS.map((_, b) => (b < 8 ? 10 + ((i + b) % 7) : 0)).concat([0]);
    const count = buckets.reduce((a, n) => a + n, 0);
    return { m, l, count, sum: count * 0.4, sumSq: count * 0.2, buckets };
  };
  return {
    v: 1, instance: `instance-${i}`, function: 'evaluate', start: NOW - 60_000, end: NOW - (i % 30) * 1000, counters,
    distributions: [distribution('evaluation_latency', { environment: 'production', route: 'flag' }), distribution('evaluation_latency', { environment: 'production', route: 'bulk' }), distribution('http_latency', { function: 'evaluate', route: '/ofrep/v1/evaluate/flags/:key' })],
    gauges: [{ m: 'snapshot_age', l: { environment: 'production' }, v: i % 60 }],
  };
}

const minuteOfMessages = Array.from({ length: INSTANCES }, (_, i) => instanceMessage(i));
const bodies = minuteOfMessages.map((m) => JSON.stringify(m));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const silent = { info: () => {}, warn: () => {}, error: () => {} };
const deps = (source: MessageSource, store: RollupStore = createMemoryRollupStore()): AggregatorDeps => ({
  source, store, writer: recordingWriter(10), metrics: createMetricsRecorder(), log: silent, projectId: 'bench', now: Date.now, limits: { budgetMs: 45_000, maxMessages: 100_000, batchSize: 100 },
});

// 1. The pure work: validate, merge, map.
const pureMs: number[] = [];
const validateMs: number[] = [];
let series = 0;
let requests = 0;
for (let r = 0; r < ROUNDS; r++) {
  const started = performance.now();
  const parsed = bodies.map((b) => MetricsMessageSchema.parse(JSON.parse(b)));
  validateMs.push(performance.now() - started);
  const merged = mergeMessages(parsed);
  const plan = planRequests(merged.points, { projectId: 'bench', runMinute: Math.floor(NOW / 60_000) * 60_000, watermark: undefined });
  pureMs.push(performance.now() - started);
  series = merged.points.length;
  requests = plan.requests.length;
}

// 2. A whole run on in-process parts (bus, memory rollups, recording writer).
const runMs: number[] = [];
for (let r = 0; r < ROUNDS; r++) {
  const bus = minuteOfMessages.map((m) => structuredClone(m));
  const started = performance.now();
  const report = await runAggregation(deps(memorySource(bus)));
  runMs.push(performance.now() - started);
  if (report.messages.merged !== INSTANCES) throw new Error(`merged ${report.messages.merged}`);
}

const rate = (ms: number) => Math.round((INSTANCES / ms) * 1000);
const result: Record<string, unknown> = {
  messages: INSTANCES,
  seriesAfterMerge: series,
  monitoringRequests: requests,
  bytesPerMessage: Math.round(bodies.reduce((a, b) => a + b.length, 0) / INSTANCES),
  inProcess: { validateMergeMapMs: +median(pureMs).toFixed(2), ofWhichValidateMs: +median(validateMs).toFixed(2), messagesPerSecond: rate(median(pureMs)) },
  inProcessRun: { runMs: +median(runMs).toFixed(2), messagesPerSecond: rate(median(runMs)) },
};

// 3. Through the Pub/Sub emulator (and Firestore when its emulator is there too).
if (process.env.PUBSUB_EMULATOR_HOST) {
  const { PubSub } = await import('@google-cloud/pubsub');
  const projectId = process.env.GCLOUD_PROJECT || 'demo-switchyard';
  const pubsub = new PubSub({ projectId });
  const rounds = Number(process.env.BENCH_PUBSUB_ROUNDS ?? 3);
  const e2e = async (store: () => Promise<RollupStore>) => {
    const times: number[] = [];
    for (let r = 0; r < rounds; r++) {
      const name = `bench-${randomUUID()}`;
      const [topic] = await pubsub.createTopic(name);
      const [subscription] = await topic.createSubscription(`${name}-sub`, { ackDeadlineSeconds: 60 });
      await Promise.all(bodies.map((data) => topic.publishMessage({ data: Buffer.from(data) })));
      const source = pubsubSource({ projectId, subscription: subscription.name, pullTimeoutMs: 1_000 });
      const d = deps(source, await store());
      await source.check(); // the client is built before the clock starts
      const started = performance.now();
      const report = await runAggregation(d);
      const ms = performance.now() - started;
      if (report.messages.merged !== INSTANCES) throw new Error(`merged ${report.messages.merged}: ${report.error ?? ''}`);
      times.push(ms);
      await source.close();
      await subscription.delete();
      await topic.delete();
    }
    return { runMs: Math.round(median(times)), messagesPerSecond: rate(median(times)), rounds };
  };
  result.pubsubEmulatorMemoryRollups = await e2e(async () => createMemoryRollupStore());
  if (process.env.FIRESTORE_EMULATOR_HOST) {
    const { Firestore } = await import('@google-cloud/firestore');
    const { createFirestoreRollupStore } = await import('../../shared/aggregate/firestore-rollup-store.ts');
    const db = new Firestore({ projectId, ignoreUndefinedProperties: true });
    result.pubsubEmulatorFirestoreRollups = await e2e(async () => createFirestoreRollupStore(db));
    await db.terminate();
  }
  result.note = 'the emulators are JVMs on the same 2 cores as the aggregator';
  await pubsub.close();
}

console.log(JSON.stringify(result, null, 2));
