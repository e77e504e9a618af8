// The streams function's composition root: tokens verified with the secret evaluate signs with,
// keys checked again on every version change, versions read through the snapshot tier (Redis,
// then Firestore), notices from the change feed, all from the parsed configuration and the
// instance it runs in.

import type { RuntimeConfig } from '../../shared/config/runtime-config.ts';
import { evaluateBackends } from '../../shared/wiring/backends.ts';
import { authGuardFor, startInstance, streamTokensFor, type Instance } from '../../shared/wiring/instance.ts';
import type { Telemetry } from '../../shared/telemetry/telemetry.ts';
import type { StreamRouteDeps } from './stream-route.ts';
import { createHub } from './hub.ts';

/** What the function is built with: its dependencies and the telemetry its requests are logged and counted with. */
export type StreamsFunctionDeps = StreamRouteDeps & { readonly telemetry: Telemetry };

export function streamsDeps(config: RuntimeConfig, instance: Instance = startInstance(config, 'streams')): StreamsFunctionDeps {
  const telemetry = instance.telemetry.of('streams');
  const { metrics, logger: log } = telemetry;
  const backends = evaluateBackends(instance.backends, config, instance.telemetry.of('backends').logger);
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
    metrics,
    log: (message, fields) => log.warn(message, fields),
  });
  return { tokens: streamTokensFor(config, instance.backends, 'the streams function'), hub, keyOf, limiter: backends.limiter, retryMs: 1000, now: Date.now, metrics, guard: authGuardFor(config, false), telemetry };
}
