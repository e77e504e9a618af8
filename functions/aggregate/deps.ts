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

/** What the function is built with: its dependencies and the telemetry its requests are logged and counted with. */
export type AggregateFunctionDeps = AggregatorDeps & { readonly telemetry: Telemetry };

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
  };
}
