// The aggregate function's composition root: Pub/Sub or the instance's in-process bus, Cloud
// Monitoring or a recording writer, the instance's rollups (Firestore or memory), and the flag
// store (for the experiments' splits) the other functions read, from the parsed configuration.

import type { AggregatorDeps } from '../../shared/aggregate/aggregate-run.ts';
import type { RuntimeConfig } from '../../shared/config/runtime-config.ts';
import { memorySource } from '../../shared/aggregate/message-source.ts';
import { recordingWriter } from '../../shared/aggregate/metric-writer.ts';
import { monitoringWriter } from '../../shared/aggregate/monitoring-writer.ts';
import { pubsubSource } from '../../shared/aggregate/pubsub-source.ts';
import type { Telemetry } from '../../shared/telemetry/telemetry.ts';
import { startInstance, type Instance } from '../../shared/wiring/instance.ts';
import { monitoringGuardReader } from '../../shared/releases/monitoring-guard-reader.ts';
import type { ReleaseRunDeps } from '../../shared/releases/release-run.ts';

/** What the function is built with: its dependencies and the telemetry its requests are logged and counted with. */
export type AggregateFunctionDeps = AggregatorDeps & { readonly telemetry: Telemetry; readonly releases?: ReleaseRunDeps };

/** The release step stops starting environments after this long, inside the minute the scheduler gives a run. */
export const RELEASE_BUDGET_MS = 10_000;

export function aggregateDeps(config: RuntimeConfig, instance: Instance = startInstance(config, 'aggregate')): AggregateFunctionDeps {
  const telemetry = instance.telemetry.of('aggregate');
  const projectId = config.GOOGLE_CLOUD_PROJECT;
  const writerKind = config.SWITCHYARD_METRICS_WRITER ?? (config.SWITCHYARD_METRICS_SUBSCRIPTION ? 'monitoring' : 'memory');
  return {
    source: config.SWITCHYARD_METRICS_SUBSCRIPTION ? pubsubSource({ projectId, subscription: config.SWITCHYARD_METRICS_SUBSCRIPTION }) : memorySource(instance.metricsBus.messages),
    store: instance.backends.rollups,
    writer: writerKind === 'monitoring' ? monitoringWriter({ projectId, ...(config.SWITCHYARD_MONITORING_ENDPOINT ? { endpoint: config.SWITCHYARD_MONITORING_ENDPOINT } : {}) }) : recordingWriter(100),
    flags: instance.backends.stores.flags,
    metrics: telemetry.metrics,
    log: telemetry.logger,
    projectId,
    now: Date.now,
    limits: { budgetMs: config.SWITCHYARD_AGGREGATE_BUDGET_SECONDS * 1000, maxMessages: config.SWITCHYARD_AGGREGATE_MAX_MESSAGES, batchSize: config.SWITCHYARD_AGGREGATE_BATCH },
    telemetry,
    releases: releaseRunDeps(config, instance, telemetry),
  };
}

/**
 * The release step after each merge: plans and schedules, the flags they move, the rollups as
 * figures, Monitoring guards through the real client (or the endpoint tests run), and the
 * instance's announcer, so a step reaches every evaluate instance as an admin write does.
 */
function releaseRunDeps(config: RuntimeConfig, instance: Instance, telemetry: Telemetry): ReleaseRunDeps {
  const { backends } = instance;
  const readsMonitoring = config.SWITCHYARD_METRICS_SUBSCRIPTION !== undefined || config.SWITCHYARD_MONITORING_ENDPOINT !== undefined;
  const projectId = config.GOOGLE_CLOUD_PROJECT;
  return {
    releases: backends.releases,
    flags: backends.stores.flags,
    figures: backends.rollups.environmentMinutes,
    // Locally (no Monitoring) a Monitoring guard has no data: its plan holds, never advances.
    ...(readsMonitoring ? { monitoring: monitoringGuardReader({ projectId, ...(config.SWITCHYARD_MONITORING_ENDPOINT ? { endpoint: config.SWITCHYARD_MONITORING_ENDPOINT } : {}) }) } : {}),
    metrics: telemetry.metrics,
    log: telemetry.logger,
    now: Date.now,
    budgetMs: RELEASE_BUDGET_MS,
    announce: backends.announce,
  };
}
