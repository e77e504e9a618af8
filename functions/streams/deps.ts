// The streams function's dependencies, built from the runtime configuration: tokens verified with
// the secret evaluate signs with, keys checked again on every version change, versions read
// through the snapshot tier (Redis, then Firestore), notices from the change feed.

import type { RuntimeConfig } from '../../shared/config/runtime-config.ts';
import { evaluateBackendsFor } from '../../shared/backends.ts';
import { authGuardFor, startTelemetry, streamTokensFor } from '../../shared/wiring.ts';
import { instanceMetrics, telemetryFor } from '../../shared/telemetry/telemetry.ts';
import type { StreamsDeps } from './app.ts';
import { createHub } from './hub.ts';

export function streamsDepsFor(config: RuntimeConfig): StreamsDeps {
  startTelemetry(config, 'streams');
  const backends = evaluateBackendsFor(config);
  const log = telemetryFor('streams').logger;
  const keyOf = async (hash: string) => backends.keys.findByHash(hash);
  const hub = createHub({
    versionOf: (environment) => backends.flags.version(environment),
    keyStands: async (hash) => (await keyOf(hash)) !== undefined,
    changes: backends.changes,
    // Half the bound: a lost notice still reaches the browsers well within it.
    pollMs: Math.max(50, config.SWITCHYARD_MAX_STALENESS_MS / 2),
    heartbeatMs: config.SWITCHYARD_STREAM_HEARTBEAT_SECONDS * 1000,
    maxLifetimeMs: config.SWITCHYARD_STREAM_MAX_SECONDS * 1000,
    perKeyLimit: config.SWITCHYARD_STREAMS_PER_KEY,
    metrics: instanceMetrics,
    log: (message, fields) => log.warn(message, fields),
  });
  return { tokens: streamTokensFor(config, 'the streams function'), hub, keyOf, limiter: backends.limiter, retryMs: 1000, now: Date.now, metrics: instanceMetrics, guard: authGuardFor(config, false) };
}
