// `npm run bench:live` (node scripts/bench/live.ts): the freshness contract measured live, in one
// run that starts everything it needs (the Firestore and Pub/Sub emulators, redis-server and the
// Upstash REST proxy, from scripts/services; one streams and three evaluate instances, each a
// process of its own on Firestore + Redis with the Redis change feed) and stops it at the end,
// also on error or past its time limit. Loopback only.
//   a. write to first fresh answer per evaluate instance, quiet and under load, and every answer's
//      version checked against the bound (no answer older than it);
//   b. write to browser: an EventSource on the eventStreams URL of a bulk answer;
//   c. idle open streams on the streams instance: memory and CPU per stream, time to notify all.
// Prints one JSON object; progress goes to stderr. See scripts/bench/README.md for the method.
// BENCH_LIVE_WRITES (30), BENCH_LIVE_BROWSER_WRITES (100), BENCH_LIVE_STREAMS (2000),
// BENCH_LIVE_IDLE_SECONDS (15), BENCH_LIVE_LOAD_CONCURRENCY (4), BENCH_LIVE_TIMEOUT_SECONDS (900).

import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { readRuntimeConfig } from '../../shared/config/runtime-config.ts';
import { startServices, type Services } from '../services/index.ts';
import { killAllNow } from '../services/process.ts';
import { seedProduct, onOff, putFlag } from './propagation/product.ts';
import { startLiveInstance, startLiveInstances, type LiveInstance } from './live/instances.ts';
import { ask } from './live/answers.ts';
import { measureWriteToAnswer } from './live/write-to-answer.ts';
import { measureWriteToBrowser } from './live/write-to-browser.ts';
import { measureIdleStreams } from './live/idle-streams.ts';
import { createWriter } from './live/writer.ts';
import { productEnv } from './children.ts';

const writes = Number(process.env.BENCH_LIVE_WRITES ?? 30);
const browserWrites = Number(process.env.BENCH_LIVE_BROWSER_WRITES ?? 100);
const streamCount = Number(process.env.BENCH_LIVE_STREAMS ?? 2000);
const idleSeconds = Number(process.env.BENCH_LIVE_IDLE_SECONDS ?? 15);
const concurrency = Number(process.env.BENCH_LIVE_LOAD_CONCURRENCY ?? 4);
const timeoutSeconds = Number(process.env.BENCH_LIVE_TIMEOUT_SECONDS ?? 900);
const INSTANCES = 3;
const HEARTBEAT_SECONDS = 15;

const progress = (line: string) => process.stderr.write(`live: ${line}\n`);

/** The soft limit on open files children of this process inherit: 2,000 streams take a descriptor each on both ends. */
function openFilesLimit(): number {
  const out = spawnSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }).stdout.trim();
  return out === 'unlimited' ? Number.POSITIVE_INFINITY : Number(out);
}

const started = performance.now();
const cleanup: (() => Promise<void>)[] = [];
let services: Services | undefined;
process.on('SIGINT', () => {
  killAllNow();
  process.exit(130);
});
const watchdog = setTimeout(() => {
  progress(`still running after ${timeoutSeconds} s: stopping everything`);
  killAllNow();
  process.exit(124);
}, timeoutSeconds * 1000);
watchdog.unref();

const fdLimit = openFilesLimit();
const fdNeeded = streamCount + 200;
if (fdLimit < fdNeeded) {
  progress(`ulimit -n is ${fdLimit}; ${streamCount} streams need about ${fdNeeded} open files in this process and in the streams instance. Raise it (ulimit -n ${fdNeeded * 2}) or set BENCH_LIVE_STREAMS lower.`);
  process.exit(1);
}

try {
  progress('starting the Firestore and Pub/Sub emulators, redis-server and the Upstash REST proxy');
  services = await startServices();
  Object.assign(process.env, services.env);
  // Every instance is its own process: evaluate signs stream tokens and streams verifies them with this secret.
  const env = productEnv(services.env, { SWITCHYARD_STREAM_SECRET: randomBytes(32).toString('base64url') });
  Object.assign(process.env, { SWITCHYARD_STREAM_SECRET: env.SWITCHYARD_STREAM_SECRET });
  const config = readRuntimeConfig(env);
  const bound = config.SWITCHYARD_MAX_STALENESS_MS;

  progress('starting one streams instance and three evaluate instances');
  const streams = await startLiveInstance('streams', { ...env, SWITCHYARD_STREAMS_PER_KEY: String(streamCount + 100), SWITCHYARD_STREAM_HEARTBEAT_SECONDS: String(HEARTBEAT_SECONDS) }, ['--expose-gc']);
  cleanup.push(() => streams.stop());
  const evaluators: LiveInstance[] = await startLiveInstances(INSTANCES, 'evaluate', { ...env, SWITCHYARD_STREAMS_URL: streams.url });
  cleanup.push(() => Promise.all(evaluators.map((i) => i.stop())).then(() => undefined));

  const product = await seedProduct(config, 'live');
  cleanup.push(product.close);
  // A product of ten flags; one of them ("live") is the one every measurement writes.
  for (let i = 0; i < 9; i++) await putFlag(product, onOff(`steady-${i}`, i % 2 ? 'on' : 'off'), 0);
  const writer = await createWriter(product, 'live');
  const urls = evaluators.map((i) => i.url);
  // Every instance answers (its snapshot loaded) before anything is timed.
  for (const [i, url] of urls.entries()) {
    const answer = await ask(url, product.sdkKey, i, 'bulk', 'live');
    if (answer.status !== 200) throw new Error(`evaluate instance ${i} answered ${answer.status}`);
  }

  progress(`a. write to first fresh answer, quiet: ${writes} writes, ${INSTANCES} instances at 1 request/s`);
  const quiet = await measureWriteToAnswer(product, urls, writer, { kind: 'quiet' }, { writes, gapMs: [1200, 2500], boundMs: bound, seed: 13 });
  progress(`a. write to first fresh answer, under load: ${writes} writes, ${concurrency} requests back to back per instance`);
  const loaded = await measureWriteToAnswer(product, urls, writer, { kind: 'load', concurrency }, { writes, gapMs: [200, 700], boundMs: bound, seed: 14 });

  const bulk = await ask(urls[0]!, product.sdkKey, 0, 'bulk', 'live');
  const offered = (bulk.body as { eventStreams?: { url: string }[] }).eventStreams?.[0]?.url;
  if (!offered) throw new Error('the bulk answer offers no eventStreams URL');

  progress(`b. write to browser: ${browserWrites} writes, one EventSource on the streams instance`);
  const browser = await measureWriteToBrowser(writer, offered, { writes: browserWrites, gapMs: [100, 300], seed: 15, timeoutMs: 5_000 });

  progress(`c. ${streamCount} idle streams on the streams instance (${idleSeconds} s idle)`);
  const idle = await measureIdleStreams(writer, streams, offered, { count: streamCount, idleSeconds, heartbeatSeconds: HEARTBEAT_SECONDS, writes: 5, concurrency: 50, timeoutMs: 10_000 });

  const answerMax = Math.max(quiet.firstFresh.maxMs, loaded.firstFresh.maxMs);
  const answerP99 = Math.max(quiet.firstFresh.p99Ms, loaded.firstFresh.p99Ms);
  console.log(JSON.stringify({
    node: process.version,
    settings: {
      store: 'firestore (emulator)',
      redis: 'redis-server behind the Upstash REST proxy, @upstash/redis client, Redis change feed',
      evaluateInstances: INSTANCES,
      maxStalenessMs: bound,
      confirmDeadlineMs: config.SWITCHYARD_CONFIRM_DEADLINE_MS,
      redisTimeoutMs: config.SWITCHYARD_REDIS_TIMEOUT_MS,
      streamsPollMs: Math.max(50, bound / 2),
      openFilesLimit: fdLimit,
      openFilesNeeded: fdNeeded,
      servicesStartedInMs: Math.round(services.startedInMs),
    },
    writeToAnswer: { quiet, load: loaded },
    writeToBrowser: browser,
    idleStreams: idle,
    budgets: {
      writeToAnswerMaxWithinBound: answerMax <= bound,
      writeToAnswerP99Goal250: answerP99 <= 250,
      noAnswerOlderThanBound: quiet.violations === 0 && loaded.violations === 0,
      browserP99Within1s: browser.delay.p99Ms <= 1000 && browser.unseen === 0,
      browserGoalP50Within200: browser.delay.p50Ms <= 200,
      browserGoalP99Within500: browser.delay.p99Ms <= 500,
      idleStreamRssWithin20Kb: idle.memory.rssPerStreamKb <= 20,
      idleStreamHeapWithin20Kb: idle.memory.heapPerStreamKb <= 20,
      notifyAllWithin200ms: idle.notifyAll.maxMs <= 200 && idle.missed === 0,
    },
    runSeconds: Math.round((performance.now() - started) / 1000),
  }, null, 2));
} finally {
  for (const step of cleanup.reverse()) await step().catch(() => undefined);
  await services?.stop();
  clearTimeout(watchdog);
}
