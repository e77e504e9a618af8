// This branch's configuration-based wiring of the minute run's release step (see releases-for.ts):
// the parts come from shared/backends.ts and the telemetry singletons, then release-factories.ts.

import type { RuntimeConfig } from '../config/runtime-config.ts';
import type { AggregateConfig } from '../aggregate/aggregate-config.ts';
import { rollupStoreFor } from '../aggregate/rollups-for.ts';
import { backendsFor } from '../backends.ts';
import { instanceMetrics, telemetryFor } from '../telemetry/telemetry.ts';
import { releaseStep } from './release-factories.ts';
import type { ReleaseRunDeps } from './release-run.ts';
import { releaseStoreFor } from './releases-for.ts';

export function releaseRunDepsFor(config: RuntimeConfig, aggregate: AggregateConfig): ReleaseRunDeps {
  const { stores, changes } = backendsFor(config);
  // Locally (no Monitoring) a Monitoring guard has no data: its plan holds, never advances.
  const readsMonitoring = aggregate.SWITCHYARD_METRICS_SUBSCRIPTION !== undefined || aggregate.SWITCHYARD_MONITORING_ENDPOINT !== undefined;
  return releaseStep({
    releases: releaseStoreFor(config),
    flags: stores.flags,
    rollups: rollupStoreFor(config),
    ...(readsMonitoring ? { monitoring: { projectId: config.GOOGLE_CLOUD_PROJECT, ...(aggregate.SWITCHYARD_MONITORING_ENDPOINT ? { endpoint: aggregate.SWITCHYARD_MONITORING_ENDPOINT } : {}) } } : {}),
    changes,
    metrics: instanceMetrics,
    log: telemetryFor('aggregate').logger,
  });
}
