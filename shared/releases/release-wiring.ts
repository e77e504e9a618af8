// The minute run's release step from the configuration: the release store, the flag store, the
// aggregator's rollups (the figures), Monitoring guards through the real client (or a local gRPC
// server in tests), and the change feed that tells evaluate instances a step moved a flag.

import type { RuntimeConfig } from '../config/runtime-config.ts';
import type { AggregateConfig } from '../aggregate/aggregate-config.ts';
import { rollupStoreFor } from '../aggregate/rollups-for.ts';
import { backendsFor } from '../backends.ts';
import { instanceMetrics, telemetryFor } from '../telemetry/telemetry.ts';
import { monitoringGuardReader } from './monitoring-guard-reader.ts';
import type { ReleaseRunDeps } from './release-run.ts';
import { releaseStoreFor } from './releases-for.ts';

/** The release step stops starting environments after this long, inside the minute the scheduler gives a run. */
export const RELEASE_BUDGET_MS = 10_000;

export function releaseRunDepsFor(config: RuntimeConfig, aggregate: AggregateConfig): ReleaseRunDeps {
  const { stores, changes } = backendsFor(config);
  const projectId = config.GOOGLE_CLOUD_PROJECT;
  const readsMonitoring = aggregate.SWITCHYARD_METRICS_SUBSCRIPTION !== undefined || aggregate.SWITCHYARD_MONITORING_ENDPOINT !== undefined;
  return {
    releases: releaseStoreFor(config),
    flags: stores.flags,
    figures: rollupStoreFor(config).environmentMinutes,
    // Locally (no Monitoring) a Monitoring guard has no data: its plan holds, never advances.
    ...(readsMonitoring ? { monitoring: monitoringGuardReader({ projectId, ...(aggregate.SWITCHYARD_MONITORING_ENDPOINT ? { endpoint: aggregate.SWITCHYARD_MONITORING_ENDPOINT } : {}) }) } : {}),
    metrics: instanceMetrics,
    log: telemetryFor('aggregate').logger,
    now: Date.now,
    budgetMs: RELEASE_BUDGET_MS,
    announce: async (environment) => {
      const version = await stores.flags.version(environment);
      if (version !== undefined) await changes.publish({ environment, version, at: Date.now() });
    },
  };
}
