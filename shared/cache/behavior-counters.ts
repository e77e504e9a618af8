// Behavioural counters: events per targeting key in daily buckets, read back as the
// `behavior.<event>.count_<N>d` attributes some rules use. Redis keeps one hash per environment,
// user and UTC day (field: event), expiring after the longest window; a record is one pipelined
// call, and so is a read of every window a flag set needs. Targeting keys are hashed in key names.

import { createHash } from 'node:crypto';
import type { Redis } from '@upstash/redis';
import { LRUCache } from 'lru-cache';

export type BehaviorWant = { readonly event: string; readonly days: number };
/** `{ [event]: { count_<N>d: n } }`: what the context's `behavior` attribute holds. */
export type BehaviorCounts = Record<string, Record<string, number>>;

export type BehaviorCounters = {
  readonly record: (environment: string, targetingKey: string, event: string, count: number, now: number) => Promise<void>;
  readonly counts: (environment: string, targetingKey: string, wants: readonly BehaviorWant[], now: number) => Promise<BehaviorCounts>;
};

/** The longest window a rule may name (shared/rules/validate/conditions.ts). */
export const MAX_DAYS = 90;
const DAY_MS = 86_400_000;

const dayOf = (ms: number) => Math.floor(ms / DAY_MS);
const userId = (environment: string, targetingKey: string) => createHash('sha256').update(`${environment}\u0000${targetingKey}`).digest('base64url').slice(0, 22);

/** Sums the last `days` daily buckets (today included) of each wanted event. */
function sum(wants: readonly BehaviorWant[], today: number, bucket: (day: number, event: string) => number): BehaviorCounts {
  const out: BehaviorCounts = {};
  for (const { event, days } of wants) {
    let total = 0;
    for (let d = 0; d < days; d++) total += bucket(today - d, event);
    (out[event] ??= {})[`count_${days}d`] = total;
  }
  return out;
}

export function createRedisBehaviorCounters(redis: Redis, options: { readonly prefix?: string } = {}): BehaviorCounters {
  const prefix = options.prefix ?? 'sy:bh';
  const key = (environment: string, targetingKey: string, day: number) => `${prefix}:${userId(environment, targetingKey)}:${day}`;
  return {
    record: async (environment, targetingKey, event, count, now) => {
      const k = key(environment, targetingKey, dayOf(now));
      const pipe = redis.pipeline();
      pipe.hincrby(k, event, count);
      pipe.expire(k, (MAX_DAYS + 1) * 86_400);
      await pipe.exec();
    },
    counts: async (environment, targetingKey, wants, now) => {
      if (wants.length === 0) return {};
      const today = dayOf(now);
      const span = Math.max(...wants.map((w) => w.days));
      const events = [...new Set(wants.map((w) => w.event))];
      const pipe = redis.pipeline();
      for (let d = 0; d < span; d++) pipe.hmget(key(environment, targetingKey, today - d), ...events);
      const rows = (await pipe.exec()) as (Record<string, unknown> | null)[];
      return sum(wants, today, (day, event) => Number(rows[today - day]?.[event] ?? 0) || 0);
    },
  };
}

export function createMemoryBehaviorCounters(): BehaviorCounters {
  // Made on first use: an LRU allocates its 100,000 slots up front, which cold start would pay for nothing.
  let held: LRUCache<string, number> | undefined;
  const buckets = () => (held ??= new LRUCache<string, number>({ max: 100_000 }));
  return {
    record: async (environment, targetingKey, event, count, now) => {
      const k = `${userId(environment, targetingKey)}:${dayOf(now)}:${event}`;
      buckets().set(k, (buckets().get(k) ?? 0) + count);
    },
    counts: async (environment, targetingKey, wants, now) => sum(wants, dayOf(now), (day, event) => buckets().get(`${userId(environment, targetingKey)}:${day}:${event}`) ?? 0),
  };
}

/** Reads cached per user for `ttlMs`, so a burst of evaluations for one user costs one Redis call. */
export function cachedCounts(counters: BehaviorCounters, options: { readonly ttlMs: number; readonly max?: number }): BehaviorCounters['counts'] {
  // Made on first use, as above.
  let cache: LRUCache<string, Promise<BehaviorCounts>> | undefined;
  return (environment, targetingKey, wants, now) => {
    const live = (cache ??= new LRUCache<string, Promise<BehaviorCounts>>({ max: options.max ?? 10_000, ttl: options.ttlMs }));
    const id = `${environment}\u0000${targetingKey}\u0000${wants.map((w) => `${w.event}/${w.days}`).join(',')}`;
    let held = live.get(id);
    if (!held) {
      held = counters.counts(environment, targetingKey, wants, now);
      live.set(id, held);
      // A failed read is not cached: the next evaluation asks again (through the breaker).
      held.catch(() => live.delete(id));
    }
    return held;
  };
}
