// The process's one Upstash Redis client, behind a timeout and a circuit breaker whose incidents
// are counted and logged once per interval: every Redis adapter of this folder goes through it.

import { Redis } from '@upstash/redis';
import { createBreaker, createIncidentLog, type Breaker, type IncidentLog } from './breaker.ts';

export type RedisLink = {
  readonly redis: Redis;
  readonly breaker: Breaker;
  readonly incidents: IncidentLog;
};

/** Each request gets the configured timeout and no retries, so a down Redis fails fast. */
export function redisLink(url: string, token: string, timeoutMs: number, log: (message: string, fields: Record<string, unknown>) => void): RedisLink {
  const redis = new Redis({ url, token, retry: false, enableTelemetry: false, signal: () => AbortSignal.timeout(timeoutMs) });
  const incidents = createIncidentLog('redis', { intervalMs: 60_000, log });
  const breaker = createBreaker('redis', { failures: 3, coolDownMs: 5_000, onIncident: (kind, error) => incidents.note(kind, error) });
  return { redis, breaker, incidents };
}
