// The aggregator's dependencies from the configuration: Pub/Sub or the in-process bus, Cloud
// Monitoring or a recording writer, Firestore or in-memory rollups, and the flag store (for the
// experiments' splits) the other functions read.

import type { RuntimeConfig } from '../config/runtime-config.ts';
import { backendsFor } from '../backends.ts';
import { instanceMetrics, localMetricsBus, telemetryFor } from '../telemetry/telemetry.ts';
import { startTelemetry } from '../wiring.ts';
import type { AggregatorDeps } from './aggregate-run.ts';
import type { AggregateConfig } from '../config/aggregate-config.ts';
import { rollupStoreFor } from './rollups-for.ts';
import { memorySource } from './message-source.ts';
import { recordingWriter } from './metric-writer.ts';
import { monitoringWriter } from './monitoring-writer.ts';
import { pubsubSource } from './pubsub-source.ts';

export function aggregateDepsFor(config: RuntimeConfig, aggregate: AggregateConfig): AggregatorDeps {
  startTelemetry(config, 'aggregate');
  const projectId = config.GOOGLE_CLOUD_PROJECT;
  const { stores } = backendsFor(config);
  const writerKind = aggregate.SWITCHYARD_METRICS_WRITER ?? (aggregate.SWITCHYARD_METRICS_SUBSCRIPTION ? 'monitoring' : 'memory');
  return {
    source: aggregate.SWITCHYARD_METRICS_SUBSCRIPTION ? pubsubSource({ projectId, subscription: aggregate.SWITCHYARD_METRICS_SUBSCRIPTION }) : memorySource(localMetricsBus.messages),
    store: rollupStoreFor(config),
    writer: writerKind === 'monitoring' ? monitoringWriter({ projectId, ...(aggregate.SWITCHYARD_MONITORING_ENDPOINT ? { endpoint: aggregate.SWITCHYARD_MONITORING_ENDPOINT } : {}) }) : recordingWriter(100),
    flags: stores.flags,
    metrics: instanceMetrics,
    log: telemetryFor('aggregate').logger,
    projectId,
    now: Date.now,
    limits: { budgetMs: aggregate.SWITCHYARD_AGGREGATE_BUDGET_SECONDS * 1000, maxMessages: aggregate.SWITCHYARD_AGGREGATE_MAX_MESSAGES, batchSize: aggregate.SWITCHYARD_AGGREGATE_BATCH },
  };
}
