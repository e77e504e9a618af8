// How each function's dependencies are built from the runtime configuration: the one place that
// chooses adapters (the embedded store today; Firestore and Redis when configured).

import type { RuntimeConfig } from './config/runtime-config.ts';
import { createSnapshotCache } from './cache/snapshot-cache.ts';
import { readGeoHeaders } from './context/index.ts';
import { cachingKeyLookup, keyLookup } from './http/auth.ts';
import { createMemoryRateLimiter } from './http/rate-limit.ts';
import { defaultStore, DEMO_ENVIRONMENT } from './store/default-stores.ts';
import type { AuthoringDeps } from './authoring/deps.ts';

export function evaluateDepsFor(config: RuntimeConfig) {
  const { store } = defaultStore(config);
  const geo = readGeoHeaders({ SWITCHYARD_GEO_HEADERS: config.SWITCHYARD_GEO_HEADERS });
  if (!geo.ok) throw new Error(geo.message);
  return {
    // Key revocations reach a warm instance within 30 s; until then a request needs no store read.
    keys: cachingKeyLookup(store.keys, { ttlMs: 30_000 }),
    limiter: createMemoryRateLimiter({ ratePerSecond: config.SWITCHYARD_RATE_PER_SECOND, burst: config.SWITCHYARD_RATE_BURST }),
    snapshots: createSnapshotCache(store.flags, { checkEveryMs: config.SWITCHYARD_SNAPSHOT_CHECK_SECONDS * 1000 }),
    now: Date.now,
    geoHeaders: geo.mapping,
  };
}

/** validate and preview read the same store as evaluate; any admin key may call them. */
function authoringDepsFor(config: RuntimeConfig): AuthoringDeps {
  const { store } = defaultStore(config);
  return { keys: keyLookup(store.keys), flags: store.flags, defaultEnvironment: DEMO_ENVIRONMENT, consoleOrigins: config.SWITCHYARD_CONSOLE_ORIGINS, now: Date.now };
}

export const validateDepsFor = authoringDepsFor;
export const previewDepsFor = authoringDepsFor;

/** The admin function writes through every port of the same store; keys are looked up uncached, so a revocation applies at once. */
export function adminDepsFor(config: RuntimeConfig) {
  const { store } = defaultStore(config);
  return { stores: store, keys: keyLookup(store.keys), consoleOrigins: config.SWITCHYARD_CONSOLE_ORIGINS, now: Date.now };
}
