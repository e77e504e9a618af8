// The store and Redis an instance uses, chosen from the runtime configuration: the embedded demo
// store (local and test stages only) or Firestore; Upstash Redis when configured, behind a timeout
// and a circuit breaker whose incidents are counted and logged once per interval. A factory: the
// composition root calls it once and hands the result to every function it builds (the local
// product's functions so share one store, as deployed functions share Firestore).

import { randomBytes } from 'node:crypto';
import { isLocalStage, type RuntimeConfig } from '../config/runtime-config.ts';
import { createIncidentLog } from '../cache/breaker.ts';
import { redisLink, type RedisLink } from '../cache/redis-link.ts';
import { announcer, publishingStores, type Announce } from '../cache/publishing-stores.ts';
import { createLocalChangeFeed, type ChangeFeed } from '../cache/change-feed.ts';
import { createRedisChangeFeed } from '../cache/redis-change-feed.ts';
import { createRedisSnapshotTier } from '../cache/redis-snapshots.ts';
import { createTieredFlagStore } from '../cache/tiered-store.ts';
import { createKeyMirror } from '../cache/key-mirror.ts';
import type { KeyVerifier } from '../store/api-keys.ts';
import { cachedCounts, createMemoryBehaviorCounters, createRedisBehaviorCounters, type BehaviorCounters } from '../cache/behavior-counters.ts';
import { createMemoryRateLimiter } from '../http/rate-limit.ts';
import { createRedisRateLimiter } from '../cache/redis-rate-limit.ts';
import type { SnapshotTier } from '../cache/snapshot-tier.ts';
import { createFirestoreStores } from '../store/firestore/index.ts';
import { firestoreModule } from '../store/firestore/client-module.ts';
import { layout } from '../store/firestore/layout.ts';
import { createDemoStore, localKeys, type LocalKeys } from '../store/default-stores.ts';
import { keyAdopter, type KeyAdopter } from '../store/adopt-key.ts';
import type { AdminStores } from '../store/ports.ts';
import type { Logger } from '../telemetry/logger.ts';
import { createFirestoreRollupStore } from '../aggregate/firestore-rollup-store.ts';
import { createMemoryRollupStore } from '../aggregate/memory-rollup-store.ts';
import type { RollupStore } from '../aggregate/rollup-store.ts';
import { createFirestoreReleaseStore } from '../releases/firestore-release-store.ts';
import { createMemoryReleaseStore } from '../releases/memory-release-store.ts';
import type { ReleaseStore } from '../releases/release-store.ts';

export type Backends = {
  /** What the admin function writes through; with Firestore and Redis, writes publish to the snapshot tier. */
  readonly stores: AdminStores;
  readonly redis?: RedisLink;
  /** The snapshot tier, only with Firestore and Redis (the embedded store is the instance's own). */
  readonly tier?: SnapshotTier;
  /** With Firestore and Redis: key verification that falls back on Redis's mirror when the store is down. */
  readonly mirroredKeys?: KeyVerifier;
  /** With Firestore: registers a key chosen outside the store (shared/store/adopt-key.ts). */
  readonly adoptKey?: KeyAdopter;
  /** The aggregator's rollups: in Firestore through the same client, or in memory beside the embedded store (the local aggregate writes them, admin reads usage). */
  readonly rollups: RollupStore;
  /** Release plans and scheduled changes, in the same store as the flags they move. */
  readonly releases: ReleaseStore;
  /**
   * Tells everyone an environment moved, as an accepted admin write does (the snapshot tier, then
   * a change notice): for writes made outside `stores`, such as the release step's.
   */
  readonly announce: Announce;
  /** With the embedded store: the keys it was seeded with (SWITCHYARD_SDK_KEY and the others, generated when unset). */
  readonly localKeys?: LocalKeys;
  /**
   * The secret stream tokens are signed with (SWITCHYARD_STREAM_SECRET); in the local and test
   * stages one made for this instance when unset, shared by its evaluate and streams functions.
   */
  readonly streamSecret: string | undefined;
  /** Notices of accepted writes: in this process always, across instances through Redis when configured. */
  readonly changes: ChangeFeed & { readonly renew?: () => void };
};

/** See README "Freshness": the staleness bound while a writer's publish to Redis is lost. */
export const TIER_TRUST_SECONDS = 5;

/** A cold evaluate instance waits this long for the store to verify a key before asking Redis's mirror. */
const KEY_STORE_DEADLINE_MS = 2_000;

export type BackendConfig = Pick<RuntimeConfig, 'SWITCHYARD_STAGE' | 'SWITCHYARD_STREAM_SECRET' | 'SWITCHYARD_STORE' | 'GOOGLE_CLOUD_PROJECT' | 'UPSTASH_REDIS_REST_URL' | 'UPSTASH_REDIS_REST_TOKEN' | 'SWITCHYARD_REDIS_TIMEOUT_MS' | 'SWITCHYARD_SDK_KEY' | 'SWITCHYARD_CLIENT_KEY' | 'SWITCHYARD_ADMIN_KEY'>;

type Warn = (message: string, fields: Record<string, unknown>) => void;

/** `log`: where incidents of the store and Redis are reported (the root's logger for its backends). */
export function createBackends(config: BackendConfig, log: Pick<Logger, 'warn'>): Backends {
  // The configuration refuses this already; a root handed a hand-made one still never serves a deployed stage from memory.
  if (config.SWITCHYARD_STORE === 'memory' && !isLocalStage(config.SWITCHYARD_STAGE)) throw new Error(`the embedded store is for the local and test stages, not ${config.SWITCHYARD_STAGE}`);
  const warn: Warn = (message, fields) => log.warn(message, fields);
  const secret = config.SWITCHYARD_STREAM_SECRET ?? (isLocalStage(config.SWITCHYARD_STAGE) ? randomBytes(32).toString('base64url') : undefined);
  return { ...buildStores(config, warn), streamSecret: secret };
}

function buildStores(config: BackendConfig, warn: Warn): Omit<Backends, 'streamSecret'> {
  const redis = config.UPSTASH_REDIS_REST_URL && config.UPSTASH_REDIS_REST_TOKEN ? redisLink(config.UPSTASH_REDIS_REST_URL, config.UPSTASH_REDIS_REST_TOKEN, config.SWITCHYARD_REDIS_TIMEOUT_MS, warn) : undefined;
  const local = createLocalChangeFeed();
  if (config.SWITCHYARD_STORE === 'memory') {
    const keys = localKeys(config);
    const store = createDemoStore(keys);
    const announce = announcer(store, local);
    const stores = publishingStores(store, announce);
    // Steps write through the publishing flags, so each is announced as an admin write is.
    const releases = createMemoryReleaseStore({ flags: stores.documents.flags, environmentExists: async (environment) => (await store.flags.version(environment)) !== undefined });
    return { stores, changes: local, announce, rollups: createMemoryRollupStore(), releases, localKeys: keys, ...(redis ? { redis } : {}) };
  }
  const { Firestore } = firestoreModule();
  const db = new Firestore({ projectId: config.GOOGLE_CLOUD_PROJECT, ignoreUndefinedProperties: true });
  const stores = createFirestoreStores(db);
  const adoptKey = keyAdopter(async (hash) => (await layout(db).apiKey(hash).get()).exists, (random) => createFirestoreStores(db, { random }).apiKeys);
  const rollups = createFirestoreRollupStore(db);
  const releases = createFirestoreReleaseStore(db, layout(db));
  if (!redis) {
    const announce = announcer(stores, local);
    return { stores: publishingStores(stores, announce), changes: local, announce, adoptKey, rollups, releases };
  }
  const corrupt = new Set<string>();
  const tier = createRedisSnapshotTier(redis.redis, {
    // How long a published version is trusted without the store: a publish lost while a writer could
    // not reach Redis (but the instances could) delays answers by at most this, past the bound.
    versionTtlSeconds: TIER_TRUST_SECONDS,
    onCorrupt: (environment, problem) => {
      // Logged once per environment and problem; the tier is skipped for the store meanwhile.
      if (corrupt.has(environment + problem)) return;
      corrupt.add(environment + problem);
      warn('corrupt snapshot in Redis; reading the store', { dependency: 'redis', environment, problem });
    },
  });
  // Tells this process's listeners synchronously, then every other instance through Redis pub/sub.
  const changes = createRedisChangeFeed({
    redis: { publish: (channel, message) => redis.breaker.run(() => redis.redis.publish(channel, message)) },
    url: config.UPSTASH_REDIS_REST_URL!,
    token: config.UPSTASH_REDIS_REST_TOKEN!,
    log: warn,
  });
  const announce = announcer(stores, changes, { tier: (snapshot) => redis.breaker.run(() => tier.publish(snapshot)) });
  const keyIncidents = createIncidentLog('store', { intervalMs: 60_000, log: warn });
  const mirror = createKeyMirror(stores.keys, {
    redis: redis.redis,
    breaker: redis.breaker,
    deadlineMs: KEY_STORE_DEADLINE_MS,
    onFallback: (error) => keyIncidents.note('key verified from the Redis mirror', error),
  });
  return { stores: publishingStores(stores, announce, mirror.forget), redis, tier, mirroredKeys: mirror.verifier, adoptKey, rollups, releases, changes, announce };
}

/** What the evaluate and streams functions read through: keys, the flags (through the snapshot tier when there is one), the rate limiter. */
export function evaluateBackends(backends: Backends, config: Pick<RuntimeConfig, 'SWITCHYARD_RATE_PER_SECOND' | 'SWITCHYARD_RATE_BURST' | 'SWITCHYARD_REDIS_TIMEOUT_MS'>, log: Pick<Logger, 'warn'>) {
  const { stores, redis, tier, mirroredKeys, changes } = backends;
  const warn: Warn = (message, fields) => log.warn(message, fields);
  const rate = { ratePerSecond: config.SWITCHYARD_RATE_PER_SECOND, burst: config.SWITCHYARD_RATE_BURST };
  const local = createMemoryRateLimiter(rate);
  const storeIncidents = createIncidentLog('store', { intervalMs: 60_000, log: warn });
  return {
    keys: mirroredKeys ?? stores.keys,
    flags: tier && redis ? createTieredFlagStore(stores.flags, { tier, breaker: redis.breaker }) : stores.flags,
    // Without Redis the limiter answers synchronously: the warm path awaits nothing.
    limiter: redis ? createRedisRateLimiter(rate, { redis: redis.redis, breaker: redis.breaker, fallback: local, timeoutMs: config.SWITCHYARD_REDIS_TIMEOUT_MS }) : local,
    behavior: behaviorFor(redis),
    onStoreError: (error: unknown, environment: string) => storeIncidents.note('snapshot check failed', error instanceof Error ? new Error(`${environment}: ${error.message}`) : error),
    changes,
  };
}

/** Counters in Redis behind the breaker (a refused read counts as missing), or in process without Redis. */
function behaviorFor(redis: RedisLink | undefined) {
  const counters: BehaviorCounters = redis ? createRedisBehaviorCounters(redis.redis) : createMemoryBehaviorCounters();
  const guarded: BehaviorCounters = redis
    ? { record: (...a) => redis.breaker.run(() => counters.record(...a)), counts: (...a) => redis.breaker.run(() => counters.counts(...a)) }
    : counters;
  return { record: guarded.record, counts: cachedCounts(guarded, { ttlMs: 5_000 }) };
}
