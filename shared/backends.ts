// The store and Redis a process uses, chosen from the runtime configuration and built once per
// configuration: the embedded demo store or Firestore; Upstash Redis when configured, behind a
// timeout and a circuit breaker whose incidents are counted and logged once per interval.

import type { Firestore } from '@google-cloud/firestore';
import { randomBytes } from 'node:crypto';
import type { RuntimeConfig } from './config/runtime-config.ts';
import { createIncidentLog } from './cache/breaker.ts';
import { redisLink, type RedisLink } from './cache/redis-link.ts';
import { announcer, publishingStores } from './cache/publishing-stores.ts';
import { createLocalChangeFeed, type ChangeFeed } from './cache/change-feed.ts';
import { createRedisChangeFeed } from './cache/redis-change-feed.ts';
import { createRedisSnapshotTier } from './cache/redis-snapshots.ts';
import { createTieredFlagStore } from './cache/tiered-store.ts';
import { createKeyMirror } from './cache/key-mirror.ts';
import type { KeyVerifier } from './store/api-keys.ts';
import { cachedCounts, createMemoryBehaviorCounters, createRedisBehaviorCounters, type BehaviorCounters } from './cache/behavior-counters.ts';
import { createMemoryRateLimiter } from './http/rate-limit.ts';
import { createRedisRateLimiter } from './cache/redis-rate-limit.ts';
import type { SnapshotTier } from './cache/snapshot-tier.ts';
import { createFirestoreStores } from './store/firestore/index.ts';
import { firestoreModule } from './store/firestore/client-module.ts';
import { layout } from './store/firestore/layout.ts';
import { defaultStore } from './store/default-stores.ts';
import { keyAdopter, type KeyAdopter } from './store/adopt-key.ts';
import type { AdminStores } from './store/ports.ts';
import { telemetryFor } from './telemetry/telemetry.ts';

export type Backends = {
  /** What the admin function writes through; with Firestore and Redis, writes publish to the snapshot tier. */
  readonly stores: AdminStores;
  readonly redis?: RedisLink;
  /** The snapshot tier, only with Firestore and Redis (the embedded store is per process). */
  readonly tier?: SnapshotTier;
  /** With Firestore and Redis: key verification that falls back on Redis's mirror when the store is down. */
  readonly mirroredKeys?: KeyVerifier;
  /** With Firestore: registers a key chosen outside the store (shared/store/adopt-key.ts). */
  readonly adoptKey?: KeyAdopter;
  /** With Firestore: the process's one client, for the other state kept there (the aggregator's rollups). */
  readonly firestore?: Firestore;
  /**
   * The secret stream tokens are signed with (SWITCHYARD_STREAM_SECRET); in the local and test
   * stages one made for this process when unset, shared by its evaluate and streams functions.
   */
  readonly streamSecret: string | undefined;
  /** Notices of accepted writes: in this process always, across instances through Redis when configured. */
  readonly changes: ChangeFeed & { readonly renew?: () => void };
};

/** See README "Freshness": the staleness bound while a writer's publish to Redis is lost. */
export const TIER_TRUST_SECONDS = 5;

/** A cold evaluate instance waits this long for the store to verify a key before asking Redis's mirror. */
const KEY_STORE_DEADLINE_MS = 2_000;

type BackendConfig = Pick<RuntimeConfig, 'SWITCHYARD_STAGE' | 'SWITCHYARD_STREAM_SECRET' | 'SWITCHYARD_STORE' | 'GOOGLE_CLOUD_PROJECT' | 'UPSTASH_REDIS_REST_URL' | 'UPSTASH_REDIS_REST_TOKEN' | 'SWITCHYARD_REDIS_TIMEOUT_MS' | 'SWITCHYARD_SDK_KEY' | 'SWITCHYARD_ADMIN_KEY'>;

const warn = (message: string, fields: Record<string, unknown>) => telemetryFor('backends').logger.warn(message, fields);

const built = new Map<string, Backends>();

export function backendsFor(config: BackendConfig): Backends {
  const id = JSON.stringify([config.SWITCHYARD_STORE, config.GOOGLE_CLOUD_PROJECT, config.UPSTASH_REDIS_REST_URL ?? '', process.env.FIRESTORE_EMULATOR_HOST ?? '']);
  let backends = built.get(id);
  if (!backends) {
    backends = build(config);
    built.set(id, backends);
  }
  return backends;
}

function build(config: BackendConfig): Backends {
  return { ...buildStores(config), streamSecret: config.SWITCHYARD_STREAM_SECRET ?? (config.SWITCHYARD_STAGE === 'local' || config.SWITCHYARD_STAGE === 'test' ? randomBytes(32).toString('base64url') : undefined) };
}

function buildStores(config: BackendConfig): Omit<Backends, 'streamSecret'> {
  const redis = config.UPSTASH_REDIS_REST_URL && config.UPSTASH_REDIS_REST_TOKEN ? redisLink(config.UPSTASH_REDIS_REST_URL, config.UPSTASH_REDIS_REST_TOKEN, config.SWITCHYARD_REDIS_TIMEOUT_MS, warn) : undefined;
  const local = createLocalChangeFeed();
  if (config.SWITCHYARD_STORE === 'memory') {
    const { store } = defaultStore(config);
    return { stores: publishingStores(store, announcer(store, local)), changes: local, ...(redis ? { redis } : {}) };
  }
  const { Firestore } = firestoreModule();
  const db = new Firestore({ projectId: config.GOOGLE_CLOUD_PROJECT, ignoreUndefinedProperties: true });
  const stores = createFirestoreStores(db);
  const adoptKey = keyAdopter(async (hash) => (await layout(db).apiKey(hash).get()).exists, (random) => createFirestoreStores(db, { random }).apiKeys);
  if (!redis) return { stores: publishingStores(stores, announcer(stores, local)), changes: local, adoptKey, firestore: db };
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
  return { stores: publishingStores(stores, announce, mirror.forget), redis, tier, mirroredKeys: mirror.verifier, adoptKey, firestore: db, changes };
}

/** What the evaluate function reads through: keys, the flags (through the snapshot tier when there is one), the rate limiter. */
export function evaluateBackendsFor(config: BackendConfig & Pick<RuntimeConfig, 'SWITCHYARD_RATE_PER_SECOND' | 'SWITCHYARD_RATE_BURST'>) {
  const { stores, redis, tier, mirroredKeys, changes } = backendsFor(config);
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
