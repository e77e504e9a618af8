// How each function's dependencies are built from the runtime configuration: the one place that
// chooses adapters (shared/backends.ts: the embedded store or Firestore; Redis when configured).

import type { RuntimeConfig } from './config/runtime-config.ts';
import { createSnapshotCache } from './cache/snapshot-cache.ts';
import { readGeoHeaders } from './context/index.ts';
import { cachingKeyLookup, keyLookup, type KeyLookup } from './http/auth.ts';
import type { KeyAdopter } from './store/adopt-key.ts';
import { rollupStoreFor } from './aggregate/rollups-for.ts';
import { releaseStoreFor } from './releases/releases-for.ts';
import { cachedRunningReleases } from './releases/attribution.ts';
import { DEMO_ENVIRONMENT } from './store/default-stores.ts';
import { backendsFor, evaluateBackendsFor } from './backends.ts';
import type { AuthoringDeps } from './authoring/deps.ts';
import { configureTelemetry, instanceMetrics, startMetrics, telemetryFor } from './telemetry/telemetry.ts';
import type { MetricsPublisher } from './telemetry/publisher.ts';
import { streamTokens } from './streams/token.ts';
import { createAuthGuard, type AuthGuard } from './http/auth-guard.ts';
import { createMemoryRateLimiter } from './http/rate-limit.ts';
import { iapVerifier, remoteIapKeys } from './http/iap.ts';

let publisher: MetricsPublisher | undefined;

/**
 * Logging from the runtime config, and this instance's metrics publisher (Pub/Sub when a topic is
 * configured, else the in-process bus); the first function wired in a process names the publisher.
 */
export function startTelemetry(config: RuntimeConfig, functionName: string): MetricsPublisher {
  configureTelemetry(config);
  return (publisher ??= startMetrics(config, functionName));
}

/** Stream tokens need a secret the evaluate and streams functions share; a deployed stage never invents one. */
export function streamTokensFor(config: RuntimeConfig, purpose: string) {
  const secret = backendsFor(config).streamSecret;
  if (secret === undefined) throw new Error(`${purpose} needs SWITCHYARD_STREAM_SECRET (at least 32 characters, the same for evaluate and streams)`);
  return streamTokens(secret, config.SWITCHYARD_STREAM_TOKEN_SECONDS);
}

/** Failed-attempt throttling, and outside evaluate each key's own rate limit (per instance). */
export function authGuardFor(config: RuntimeConfig, withKeyLimit: boolean): AuthGuard {
  const limiter = withKeyLimit ? createMemoryRateLimiter({ ratePerSecond: config.SWITCHYARD_ADMIN_RATE_PER_SECOND, burst: config.SWITCHYARD_ADMIN_RATE_PER_SECOND * 2 }) : undefined;
  return createAuthGuard({ maxFailures: config.SWITCHYARD_AUTH_FAILURES_PER_MINUTE, windowMs: 60_000, ...(limiter ? { limiter } : {}) });
}

export function evaluateDepsFor(config: RuntimeConfig) {
  startTelemetry(config, 'evaluate');
  const backends = evaluateBackendsFor(config);
  const geo = readGeoHeaders({ SWITCHYARD_GEO_HEADERS: config.SWITCHYARD_GEO_HEADERS });
  if (!geo.ok) throw new Error(geo.message);
  return {
    // A remembered key is checked again when its environment's version moves (revocation moves it).
    keys: cachingKeyLookup(backends.keys, { ttlMs: 600_000, metrics: instanceMetrics }),
    limiter: backends.limiter,
    behavior: backends.behavior,
    snapshots: createSnapshotCache(backends.flags, {
      maxStalenessMs: config.SWITCHYARD_MAX_STALENESS_MS,
      confirmDeadlineMs: config.SWITCHYARD_CONFIRM_DEADLINE_MS,
      onError: backends.onStoreError,
      metrics: instanceMetrics,
      changes: backends.changes,
      // A change no notice announced: the subscription may be dead without knowing it.
      ...(backends.changes.renew ? { onUnannounced: backends.changes.renew } : {}),
    }),
    now: Date.now,
    geoHeaders: geo.mapping,
    metrics: instanceMetrics,
    guard: authGuardFor(config, false),
    releases: { running: cachedRunningReleases(releaseStoreFor(config).running, { ttlMs: 30_000 }) },
  };
}

/** validate and preview read the same store as evaluate; any admin key may call them. */
function authoringDepsFor(config: RuntimeConfig, name: 'validate' | 'preview'): AuthoringDeps {
  startTelemetry(config, name);
  const { stores } = backendsFor(config);
  return { keys: keyLookup(stores.keys), flags: stores.flags, defaultEnvironment: DEMO_ENVIRONMENT, consoleOrigins: config.SWITCHYARD_CONSOLE_ORIGINS, now: Date.now, guard: authGuardFor(config, true) };
}

export const validateDepsFor = (config: RuntimeConfig) => authoringDepsFor(config, 'validate');
export const previewDepsFor = (config: RuntimeConfig) => authoringDepsFor(config, 'preview');

/** The admin function writes through every port of the same store; keys are looked up uncached, so a revocation applies at once. */
export function adminDepsFor(config: RuntimeConfig) {
  startTelemetry(config, 'admin');
  const { stores, adoptKey } = backendsFor(config);
  const rollups = rollupStoreFor(config);
  return { stores, keys: bootstrapped(keyLookup(stores.keys), adoptAdminKey(config, adoptKey)), usage: rollups.flagMinutes, releases: releaseStoreFor(config), consoleOrigins: config.SWITCHYARD_CONSOLE_ORIGINS, now: Date.now, storeDeadlineMs: config.SWITCHYARD_STORE_DEADLINE_MS, guard: authGuardFor(config, true),
    ...(config.SWITCHYARD_IAP_AUDIENCE ? { iap: iapVerifier({ audience: config.SWITCHYARD_IAP_AUDIENCE, keys: remoteIapKeys(config.SWITCHYARD_IAP_KEYS_URL) }) } : {}),
  };
}

/**
 * On Firestore, the admin key of SWITCHYARD_ADMIN_KEY (Terraform's secret) is registered at cold
 * start when the store lacks it: a fresh project has its first admin key without anyone writing
 * to the database by hand. A failure is logged; the key then simply does not work yet.
 */
function adoptAdminKey(config: RuntimeConfig, adoptKey: KeyAdopter | undefined): Promise<void> | undefined {
  if (!adoptKey || !config.SWITCHYARD_ADMIN_KEY) return undefined;
  const log = telemetryFor('admin').logger;
  return adoptKey(config.SWITCHYARD_ADMIN_KEY, { kind: 'admin', role: 'admin', name: 'bootstrap admin key (SWITCHYARD_ADMIN_KEY)' }, { actor: 'bootstrap' }).then(
    (outcome) => void (outcome === 'created' && log.info('registered the bootstrap admin key', {})),
    (error: unknown) => log.error('could not register the bootstrap admin key', { error: error instanceof Error ? error.message : String(error) }),
  );
}

/** Lookups wait for the bootstrap once (a cold start's first request), then go straight through. */
function bootstrapped(lookup: KeyLookup, ready: Promise<void> | undefined): KeyLookup {
  if (!ready) return lookup;
  let done = false;
  void ready.then(() => (done = true));
  return { find: (secret) => (done ? lookup.find(secret) : ready.then(() => lookup.find(secret))) };
}
