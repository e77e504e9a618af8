// The metrics pipeline of issue 5 on real parts: evaluate instances with their own recorders and
// Pub/Sub publishers, a fresh topic and subscription on the emulator, the aggregate function on
// Firestore rollups and the real Monitoring client against the local gRPC fake.

import { randomUUID } from 'node:crypto';
import { Firestore } from '@google-cloud/firestore';
import { PubSub } from '@google-cloud/pubsub';
import { createAggregateFunction } from '../../../functions/aggregate/app.ts';
import { createEvaluateFunction } from '../../../functions/evaluate/app.ts';
import type { AggregatorDeps } from '../../../shared/aggregate/aggregate-run.ts';
import { createFirestoreRollupStore } from '../../../shared/aggregate/firestore-rollup-store.ts';
import type { MessageSource } from '../../../shared/aggregate/message-source.ts';
import { monitoringWriter } from '../../../shared/aggregate/monitoring-writer.ts';
import { pubsubSource } from '../../../shared/aggregate/pubsub-source.ts';
import type { RollupStore } from '../../../shared/aggregate/rollup-store.ts';
import { createSnapshotCache } from '../../../shared/cache/snapshot-cache.ts';
import { keyLookup } from '../../../shared/http/auth.ts';
import { createMemoryRateLimiter } from '../../../shared/http/rate-limit.ts';
import { createMemoryStore } from '../../../shared/store/memory-store.ts';
import { LOGGING_DEFAULTS } from '../../../shared/config/logging-config.ts';
import { startMetricsPublisher, type MetricsPublisher } from '../../../shared/telemetry/publisher.ts';
import { pubsubSink } from '../../../shared/telemetry/pubsub-sink.ts';
import { createMetricsRecorder } from '../../../shared/telemetry/recorder.ts';
import { createTelemetry } from '../../../shared/telemetry/telemetry.ts';
import { serveFunction, type RunningFunction } from '../../helpers/function-server.ts';
import { startMonitoringFake, type MonitoringFake } from '../../helpers/monitoring-grpc-fake.ts';
import { firestoreEmulator, pubsubEmulator } from '../../helpers/services.ts';
import { SDK_KEY, TEST_FLAGS } from '../evaluate/fixture.ts';
import { testTelemetry } from '../../helpers/telemetry.ts';

export type EvaluateInstance = RunningFunction & { readonly publisher: MetricsPublisher; readonly closeSink: () => Promise<void> };
export type Pipeline = {
  readonly instances: readonly EvaluateInstance[];
  readonly aggregate: RunningFunction;
  readonly monitoring: MonitoringFake;
  readonly rollups: RollupStore;
  /** The source the aggregate function pulls through; `failAck` makes its next acknowledge throw. */
  readonly failAck: () => void;
  readonly close: () => Promise<void>;
};

const quiet = (name: string) => createTelemetry({ function: name, environment: 'test', version: 'v', projectId: 'demo', settings: { ...LOGGING_DEFAULTS.test, level: 'silent' }, metrics: createMetricsRecorder() });

export async function startPipeline(options: { instances: number }): Promise<Pipeline> {
  const { projectId } = pubsubEmulator();
  const name = `metrics-${randomUUID()}`;
  const pubsub = new PubSub({ projectId });
  const [topic] = await pubsub.createTopic(name);
  const [subscription] = await topic.createSubscription(`${name}-aggregate`, { ackDeadlineSeconds: 30 });
  const store = createMemoryStore({ environments: { test: { flags: TEST_FLAGS } }, keys: [{ kind: 'sdk', name: 'sdk', environment: 'test', secret: SDK_KEY }] });

  const instances: EvaluateInstance[] = [];
  for (let i = 0; i < options.instances; i++) {
    const recorder = createMetricsRecorder();
    const sink = pubsubSink({ projectId, topic: name });
    const publisher = startMetricsPublisher({ recorder, sink, function: 'evaluate', intervalMs: 3_600_000, instance: `evaluate-${i}` });
    const handler = createEvaluateFunction({ keys: keyLookup(store.keys), limiter: createMemoryRateLimiter({ ratePerSecond: 10_000, burst: 10_000 }), snapshots: createSnapshotCache(store.flags, { maxStalenessMs: 60_000 }), now: Date.now, metrics: recorder, telemetry: testTelemetry('evaluate', recorder) });
    const served = await serveFunction(`evaluate-${i}`, handler);
    instances.push({ ...served, publisher, closeSink: sink.close });
  }

  const monitoring = await startMonitoringFake();
  const writer = monitoringWriter({ projectId, endpoint: monitoring.endpoint });
  const source = pubsubSource({ projectId, subscription: subscription.name, pullTimeoutMs: 2_000 });
  let ackFailures = 0;
  const flaky: MessageSource = { ...source, ack: (ids) => (ackFailures > 0 ? (ackFailures--, Promise.reject(new Error('killed before acknowledging'))) : source.ack(ids)) };
  process.env.FIRESTORE_EMULATOR_HOST = firestoreEmulator().host;
  const db = new Firestore({ projectId, ignoreUndefinedProperties: true });
  const rollups = createFirestoreRollupStore(db);
  const telemetry = quiet('aggregate');
  const deps: AggregatorDeps = { source: flaky, store: rollups, writer, flags: store.flags, metrics: telemetry.metrics, log: telemetry.logger, projectId, now: Date.now, limits: { budgetMs: 30_000, maxMessages: 1_000, batchSize: 50 } };
  const aggregate = await serveFunction('aggregate', createAggregateFunction({ ...deps, telemetry }));

  return {
    instances, aggregate, monitoring, rollups,
    failAck: () => void (ackFailures = 1),
    close: async () => {
      for (const instance of instances) {
        await instance.publisher.close().catch(() => undefined);
        await instance.close();
        await instance.closeSink();
      }
      await aggregate.close();
      await source.close();
      await writer.close();
      await monitoring.close();
      await db.terminate();
      await subscription.delete().catch(() => undefined);
      await topic.delete().catch(() => undefined);
      await pubsub.close();
    },
  };
}

/** Evaluates one flag on an instance and answers the variant served. */
export async function evaluateOn(instance: RunningFunction, flag: string, context: Record<string, unknown>): Promise<string> {
  const response = await fetch(`${instance.url}/ofrep/v1/evaluate/flags/${flag}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${SDK_KEY}` }, body: JSON.stringify({ context }) });
  const body = (await response.json()) as { variant?: string };
  if (response.status !== 200 || !body.variant) throw new Error(`evaluation failed: ${response.status} ${JSON.stringify(body)}`);
  return body.variant;
}
