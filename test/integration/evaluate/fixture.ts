// An evaluate function over an embedded store with one flag of each kind, for the tests of the
// evaluate routes.

import type { FlagInput } from '../../../shared/rules/index.ts';
import { createBackdooredMemoryStore, type BackdooredMemoryStore } from '../../helpers/memory-backdoor.ts';
import { createSnapshotCache } from '../../../shared/cache/snapshot-cache.ts';
import { keyLookup } from '../../../shared/http/auth.ts';
import { createMemoryRateLimiter, type RateLimitConfig } from '../../../shared/http/rate-limit.ts';
import { createEvaluateFunction } from '../../../functions/evaluate/app.ts';
import { serveFunction, type RunningFunction } from '../../helpers/function-server.ts';
import { testTelemetry } from '../../helpers/telemetry.ts';

export const SDK_KEY = 'sdk-key-for-tests-0001';
export const OTHER_ENV_KEY = 'sdk-key-for-staging-01';
export const ADMIN_KEY = 'admin-key-for-tests-01';
export const NOW = Date.parse('2026-11-23T12:00:00Z');

const onOff = { variants: { on: true, off: false }, offVariant: 'off', defaultVariant: 'off' } as const;

export const TEST_FLAGS: FlagInput[] = [
  { key: 'bool-flag', enabled: true, ...onOff, rules: [{ id: 'pros', when: { attr: 'plan', op: 'eq', value: 'pro' }, serve: { variant: 'on' } }] },
  { key: 'string-flag', enabled: true, variants: { a: 'alpha', b: 'beta' }, offVariant: 'a', defaultVariant: 'b' },
  { key: 'number-flag', enabled: true, variants: { low: 1.5, high: 100 }, offVariant: 'low', defaultVariant: 'low', rules: [{ id: 'big', when: { attr: 'seats', op: 'gt', value: 10 }, serve: { variant: 'high' } }] },
  { key: 'object-flag', enabled: true, variants: { v1: { color: 'red', size: 2 }, v2: { color: 'blue', size: 3 } }, offVariant: 'v1', defaultVariant: 'v2' },
  { key: 'split-flag', enabled: true, ...onOff, rules: [{ id: 'half', serve: { rollout: { salt: 'split-flag', split: [{ variant: 'on', weight: 50 }, { variant: 'off', weight: 50 }], experiment: { id: 'exp-1' } } } }] },
  { key: 'disabled-flag', enabled: false, variants: { on: 'yes', off: 'no' }, offVariant: 'off', defaultVariant: 'on' },
  { key: 'geo-flag', enabled: true, ...onOff, rules: [{ id: 'de', when: { attr: 'geo.country', op: 'eq', value: 'DE' }, serve: { variant: 'on' } }] },
  { key: 'mobile-flag', enabled: true, ...onOff, rules: [{ id: 'mobile', when: { attr: 'device.type', op: 'eq', value: 'mobile' }, serve: { variant: 'on' } }] },
];

export type Fixture = RunningFunction & { readonly store: BackdooredMemoryStore };

export async function startEvaluate(options: { rate?: RateLimitConfig; flags?: FlagInput[] } = {}): Promise<Fixture> {
  const store = createBackdooredMemoryStore({
    environments: { test: { flags: options.flags ?? TEST_FLAGS }, staging: { flags: [{ key: 'staging-only', enabled: true, ...onOff }] } },
    keys: [
      { kind: 'sdk', name: 'test sdk', environment: 'test', secret: SDK_KEY },
      { kind: 'sdk', name: 'staging sdk', environment: 'staging', secret: OTHER_ENV_KEY },
      { kind: 'admin', name: 'test admin', role: 'admin', secret: ADMIN_KEY },
    ],
  });
  const handler = createEvaluateFunction({
    keys: keyLookup(store.keys),
    limiter: createMemoryRateLimiter(options.rate ?? { ratePerSecond: 10_000, burst: 10_000 }),
    // Checked on every request, so a write is visible to the next one.
    snapshots: createSnapshotCache(store.flags, { maxStalenessMs: 0 }),
    now: () => NOW,
    telemetry: testTelemetry('{n}'),
  });
  const running = await serveFunction('evaluate', handler);
  return { ...running, store };
}

export function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${SDK_KEY}`, ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
}
