// The evaluate function's composition root: its dependencies from the parsed configuration and
// the instance it runs in (its own when deployed; the local product's, shared with the other
// functions): keys remembered and checked again on every version move, the rate limiter, the
// snapshot cache over the store (through Redis's tier when configured), behavioural counters, and
// the change streams its bulk answers offer when SWITCHYARD_STREAMS_URL is set.

import type { RuntimeConfig } from '../../shared/config/runtime-config.ts';
import { readGeoHeaders } from '../../shared/context/index.ts';
import { cachingKeyLookup } from '../../shared/http/auth.ts';
import { createSnapshotCache } from '../../shared/cache/snapshot-cache.ts';
import { evaluateBackends } from '../../shared/wiring/backends.ts';
import { authGuardFor, startInstance, streamTokensFor, type Instance } from '../../shared/wiring/instance.ts';
import type { Telemetry } from '../../shared/telemetry/telemetry.ts';
import type { EvaluateDeps } from './request-context.ts';
import { streamOffer } from './stream-offer.ts';
import { cachedRunningReleases } from '../../shared/releases/attribution.ts';

/** What the function is built with: its dependencies and the telemetry its requests are logged and counted with. */
export type EvaluateFunctionDeps = EvaluateDeps & { readonly telemetry: Telemetry };

/** How long a hidden page keeps its stream open (the OFREP web provider's own default). */
const INACTIVITY_DELAY_SECONDS = 120;

export function evaluateDeps(config: RuntimeConfig, instance: Instance = startInstance(config, 'evaluate')): EvaluateFunctionDeps {
  const telemetry = instance.telemetry.of('evaluate');
  const { metrics } = telemetry;
  const backends = evaluateBackends(instance.backends, config, instance.telemetry.of('backends').logger);
  const geo = readGeoHeaders({ SWITCHYARD_GEO_HEADERS: config.SWITCHYARD_GEO_HEADERS });
  if (!geo.ok) throw new Error(geo.message);
  const deps: EvaluateFunctionDeps = {
    // A remembered key is checked again when its environment's version moves (revocation moves it).
    keys: cachingKeyLookup(backends.keys, { ttlMs: 600_000, metrics }),
    limiter: backends.limiter,
    behavior: backends.behavior,
    snapshots: createSnapshotCache(backends.flags, {
      maxStalenessMs: config.SWITCHYARD_MAX_STALENESS_MS,
      confirmDeadlineMs: config.SWITCHYARD_CONFIRM_DEADLINE_MS,
      onError: backends.onStoreError,
      metrics,
      changes: backends.changes,
      // A change no notice announced: the subscription may be dead without knowing it.
      ...(backends.changes.renew ? { onUnannounced: backends.changes.renew } : {}),
    }),
    now: Date.now,
    geoHeaders: geo.mapping,
    metrics,
    guard: authGuardFor(config, false),
    // Tracked events are attributed for flags with a running plan; plans move once a minute.
    releases: { running: cachedRunningReleases(instance.backends.releases.running, { ttlMs: 30_000 }) },
    telemetry,
  };
  if (!config.SWITCHYARD_STREAMS_URL) return deps;
  const tokens = streamTokensFor(config, instance.backends, 'SWITCHYARD_STREAMS_URL');
  return { ...deps, streams: streamOffer({ baseUrl: config.SWITCHYARD_STREAMS_URL, tokens, inactivityDelaySec: INACTIVITY_DELAY_SECONDS }) };
}
