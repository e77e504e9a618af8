// Guarded releases on real parts and a simulated clock: a minute of traffic is published to a
// fresh topic on the Pub/Sub emulator as an evaluate instance would (split evaluations and
// tracked events per variant), the aggregate function (real HTTP, Firestore rollups, the real
// Monitoring client on the local gRPC server) merges it and takes the release step, and plans and
// schedules live in Firestore. Each `minute()` is one Cloud Scheduler tick.

import { randomUUID } from 'node:crypto';
import { Firestore } from '@google-cloud/firestore';
import { PubSub, type Topic } from '@google-cloud/pubsub';
import { createAggregateFunction } from '../../../functions/aggregate/app.ts';
import type { AggregatorDeps } from '../../../shared/aggregate/aggregate-run.ts';
import { createFirestoreRollupStore } from '../../../shared/aggregate/firestore-rollup-store.ts';
import { minuteOf } from '../../../shared/aggregate/merge.ts';
import { monitoringWriter } from '../../../shared/aggregate/monitoring-writer.ts';
import { pubsubSource } from '../../../shared/aggregate/pubsub-source.ts';
import type { TimeSeries } from '../../../shared/aggregate/time-series.ts';
import { createFirestoreReleaseStore } from '../../../shared/releases/firestore-release-store.ts';
import { monitoringGuardReader } from '../../../shared/releases/monitoring-guard-reader.ts';
import type { ReleaseRunDeps } from '../../../shared/releases/release-run.ts';
import type { ReleaseStore } from '../../../shared/releases/release-store.ts';
import { createFirestoreStores } from '../../../shared/store/firestore/index.ts';
import { layout } from '../../../shared/store/firestore/layout.ts';
import type { AdminStores } from '../../../shared/store/ports.ts';
import { LOGGING_DEFAULTS } from '../../../shared/config/logging-config.ts';
import type { MetricsMessage } from '../../../shared/telemetry/metrics-message.ts';
import { createMetricsRecorder } from '../../../shared/telemetry/recorder.ts';
import { createTelemetry } from '../../../shared/telemetry/telemetry.ts';
import { serveFunction, type RunningFunction } from '../../helpers/function-server.ts';
import { startMonitoringFake, type MonitoringFake } from '../../helpers/monitoring-grpc-fake.ts';
import { firestoreEmulator, pubsubEmulator } from '../../helpers/services.ts';

export const ENV = 'production';
export const FLAG = 'checkout';
export const T0 = Date.parse('2026-03-10T12:00:00Z');
export const MINUTE = 60_000;

export const rampFlag = (treatment = 0) => ({
  key: FLAG, enabled: true, variants: { treatment: true, control: false }, offVariant: 'control', defaultVariant: 'control',
  rules: [{ id: 'ramp', serve: { rollout: { split: [{ variant: 'treatment', weight: treatment }, { variant: 'control', weight: 100 - treatment }] } } }],
});

/** One minute of traffic: exposures of the rule's split per variant, and `error` events per variant. */
export type Traffic = { readonly exposures: Readonly<Record<string, number>>; readonly errors: Readonly<Record<string, number>> };

export type ReleaseRig = {
  readonly clock: { now: () => number };
  readonly stores: AdminStores;
  readonly releases: ReleaseStore;
  readonly monitoring: MonitoringFake;
  readonly aggregate: RunningFunction;
  readonly log: { warnings: { message: string; fields: Record<string, unknown> }[] };
  readonly metrics: ReturnType<typeof createMetricsRecorder>;
  /** Publishes the last minute's traffic (if any), moves the clock a minute and runs the aggregate function; answers its report. */
  readonly minute: (traffic?: Traffic) => Promise<{ status: number; body: { releases?: { decisions: { action: string; reason: string }[]; applied: { status: string; reason?: string }[]; conflicts: number } } }>;
  /** Writes a Monitoring point the guard's filter finds (custom.googleapis.com/test/five_xx_ratio). */
  readonly monitor: (value: number) => Promise<void>;
  /** Wraps the release store's commit for the next run only. */
  readonly interceptCommit: (wrap: (commit: ReleaseStore['commit']) => ReleaseStore['commit']) => void;
  readonly close: () => Promise<void>;
};

export async function startReleaseRig(): Promise<ReleaseRig> {
  const { projectId } = pubsubEmulator();
  process.env.FIRESTORE_EMULATOR_HOST = firestoreEmulator().host;
  const db = new Firestore({ projectId, ignoreUndefinedProperties: true });
  let now = T0;
  const clock = { now: () => now };
  const stores = createFirestoreStores(db, { now: clock.now });
  const inner = createFirestoreReleaseStore(db, layout(db), clock.now);
  let wrapNext: ((commit: ReleaseStore['commit']) => ReleaseStore['commit']) | undefined;
  const releases: ReleaseStore = {
    ...inner,
    commit: (environment, items) => {
      const wrap = wrapNext;
      wrapNext = undefined;
      return (wrap ? wrap(inner.commit) : inner.commit)(environment, items);
    },
  };

  const name = `releases-${randomUUID()}`;
  const pubsub = new PubSub({ projectId });
  const [topic] = await pubsub.createTopic(name);
  const [subscription] = await topic.createSubscription(`${name}-aggregate`, { ackDeadlineSeconds: 30 });
  const monitoring = await startMonitoringFake();
  const writer = monitoringWriter({ projectId, endpoint: monitoring.endpoint });
  const reader = monitoringGuardReader({ projectId, endpoint: monitoring.endpoint });
  const source = pubsubSource({ projectId, subscription: subscription.name, pullTimeoutMs: 500 });
  const rollups = createFirestoreRollupStore(db, { now: clock.now });
  const metrics = createMetricsRecorder();
  const warnings: ReleaseRig['log']['warnings'] = [];
  const telemetry = createTelemetry({ function: 'aggregate', environment: 'test', version: 'v', projectId, settings: { ...LOGGING_DEFAULTS.test, level: 'silent' }, metrics });
  const log = { info: () => undefined, error: telemetry.logger.error, warn: (message: string, fields: Record<string, unknown> = {}) => void warnings.push({ message, fields }) };
  const deps: AggregatorDeps = { source, store: rollups, writer, flags: stores.flags, metrics, log, projectId, now: clock.now, limits: { budgetMs: 30_000, maxMessages: 1_000, batchSize: 50 } };
  const releaseDeps: ReleaseRunDeps = { releases, flags: stores.flags, figures: rollups.environmentMinutes, monitoring: reader, metrics, log, now: clock.now, settleMs: 0 };
  const aggregate = await serveFunction('aggregate', createAggregateFunction({ ...deps, releases: releaseDeps, telemetry }));

  const publish = async (t: Topic, minute: number, traffic: Traffic) => {
    const counters: MetricsMessage['counters'] = [];
    for (const [variant, v] of Object.entries(traffic.exposures)) if (v > 0) counters.push({ m: 'evaluations', l: { environment: ENV, flag: FLAG, variant, reason: 'SPLIT' }, v });
    for (const [variant, v] of Object.entries(traffic.errors)) if (v > 0) counters.push({ m: 'tracked_events', l: { environment: ENV, flag: FLAG, variant, event: 'error' }, v });
    const message: MetricsMessage = { v: 1, instance: 'evaluate-sim', function: 'evaluate', start: minute, end: minute + 59_000, counters, distributions: [], gauges: [] };
    await t.publishMessage({ data: Buffer.from(JSON.stringify(message)) });
  };

  return {
    clock, stores, releases, monitoring, aggregate, metrics, log: { warnings },
    minute: async (traffic) => {
      if (traffic) await publish(topic, minuteOf(now), traffic);
      now += MINUTE;
      const response = await fetch(`${aggregate.url}/run`, { method: 'POST' });
      return { status: response.status, body: (await response.json()) as never };
    },
    monitor: async (value) => {
      const seconds = Math.floor(now / 1000);
      const series: TimeSeries = { metric: { type: 'custom.googleapis.com/test/five_xx_ratio', labels: { service: 'checkout' } }, resource: { type: 'global', labels: { project_id: projectId } }, metricKind: 'GAUGE', valueType: 'DOUBLE', unit: '1', points: [{ interval: { endTime: { seconds, nanos: 0 } }, value: { doubleValue: value } }] };
      await writer.write([series]);
    },
    interceptCommit: (wrap) => void (wrapNext = wrap),
    close: async () => {
      await aggregate.close();
      await source.close();
      await writer.close();
      await reader.close();
      await monitoring.close();
      await db.terminate();
      await subscription.delete().catch(() => undefined);
      await topic.delete().catch(() => undefined);
      await pubsub.close();
    },
  };
}

/** Traffic of `total` exposures split by the treatment's share, with the given error rates per exposure. */
export function traffic(total: number, treatmentShare: number, rates: { treatment: number; control: number }): Traffic {
  const t = Math.round(total * treatmentShare);
  const c = total - t;
  return { exposures: { treatment: t, control: c }, errors: { treatment: Math.round(t * rates.treatment), control: Math.round(c * rates.control) } };
}
