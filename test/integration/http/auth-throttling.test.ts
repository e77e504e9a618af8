// Authentication is throttled on every function: an address that keeps presenting wrong keys gets
// 429 with Retry-After before any key is looked up (a right key among wrong ones then fails too),
// other addresses are unaffected, and admin, validate and preview limit each key's rate.

import assert from 'node:assert/strict';
import { createAuthGuard, callerAddress } from '../../../shared/http/auth-guard.ts';
import { keyLookup } from '../../../shared/http/auth.ts';
import { createMemoryRateLimiter } from '../../../shared/http/rate-limit.ts';
import { createSnapshotCache } from '../../../shared/cache/snapshot-cache.ts';
import { createEvaluateFunction } from '../../../functions/evaluate/app.ts';
import { createValidateFunction } from '../../../functions/validate/app.ts';
import { createPreviewFunction } from '../../../functions/preview/app.ts';
import { createAdminFunction } from '../../../functions/admin/app.ts';
import { serveFunction, type RunningFunction } from '../../helpers/function-server.ts';
import { demoDeps, ADMIN_KEY } from '../framework-server.ts';
import { seededStore, KEYS } from '../admin/fixture.ts';
import type { HttpRequest } from '../../../shared/http/types.ts';
import { testTelemetry } from '../../helpers/telemetry.ts';

const FAILURES = 4;
const guard = (perKey?: number) =>
  createAuthGuard({ maxFailures: FAILURES, windowMs: 60_000, ...(perKey ? { limiter: createMemoryRateLimiter({ ratePerSecond: 0.001, burst: perKey }) } : {}) });

type Target = { name: string; start: (perKey?: number) => Promise<RunningFunction>; method: string; path: string; body?: unknown; good: string };

const targets: Target[] = [
  {
    name: 'evaluate',
    start: async () => {
      const deps = demoDeps();
      const store = seededStore();
      return serveFunction('evaluate', createEvaluateFunction({ keys: keyLookup(store.keys), limiter: createMemoryRateLimiter({ ratePerSecond: 1000, burst: 1000 }), snapshots: createSnapshotCache(store.flags, { maxStalenessMs: 1000 }), now: deps.now, guard: guard(), telemetry: testTelemetry('{n}') }));
    },
    method: 'POST', path: '/ofrep/v1/evaluate/flags', body: { context: { targetingKey: 'u' } }, good: KEYS.sdk,
  },
  { name: 'validate', start: async (perKey) => serveFunction('validate', createValidateFunction({ ...demoDeps(), guard: guard(perKey) })), method: 'POST', path: '/v1/rules/validate', body: { flag: { key: 'x', enabled: true, variants: { on: true }, offVariant: 'on', defaultVariant: 'on' } }, good: ADMIN_KEY },
  { name: 'preview', start: async (perKey) => serveFunction('preview', createPreviewFunction({ ...demoDeps(), guard: guard(perKey) })), method: 'GET', path: '/v1/attributes', good: ADMIN_KEY },
  {
    name: 'admin',
    start: async (perKey) => serveFunction('admin', createAdminFunction({ stores: seededStore(), keys: keyLookup(seededStore().keys), consoleOrigins: [], now: Date.now, storeDeadlineMs: 5000, guard: guard(perKey), telemetry: testTelemetry('{n}') })),
    method: 'GET', path: '/v1/environments', good: KEYS.admin,
  },
];

describe('authentication throttling', () => {
  it('reads the caller\'s address from the last X-Forwarded-For entry, which the front end appends, not the first', () => {
    const req = (headers: HttpRequest['headers'], ip?: string): HttpRequest => ({ method: 'GET', path: '/', query: {}, headers, ...(ip ? { ip } : {}) });
    assert.equal(callerAddress(req({ 'x-forwarded-for': '6.6.6.6, 203.0.113.9' })), '203.0.113.9');
    assert.equal(callerAddress(req({ 'x-forwarded-for': '203.0.113.9' })), '203.0.113.9');
    assert.equal(callerAddress(req({}, '127.0.0.1')), '127.0.0.1');
  });

  for (const target of targets) {
    describe(target.name, () => {
      const ask = (fn: RunningFunction, key: string | undefined, address: string) =>
        fetch(fn.url + target.path, {
          method: target.method,
          headers: { 'X-Forwarded-For': address, ...(key ? { Authorization: `Bearer ${key}` } : {}), ...(target.body ? { 'Content-Type': 'application/json' } : {}) },
          ...(target.body ? { body: JSON.stringify(target.body) } : {}),
        });

      it(`answers 429 with Retry-After to an address after ${FAILURES} failed attempts, even with the right key, and not to other addresses`, async () => {
        const fn = await target.start();
        try {
          const attacker = '198.51.100.7';
          for (let i = 0; i < FAILURES; i++) assert.equal((await ask(fn, i % 2 ? undefined : `sy_wrong_${i}_000000000000`, attacker)).status, 401);
          const refused = await ask(fn, target.good, attacker);
          assert.equal(refused.status, 429);
          assert.ok(Number(refused.headers.get('retry-after')) > 0);
          const problem = await refused.json();
          assert.equal(problem.code, 'RATE_LIMITED');
          assert.match(problem.detail, /failed attempts/);
          assert.equal((await ask(fn, target.good, '192.0.2.1')).status, 200, 'another address goes on');
        } finally {
          await fn.close();
        }
      });

      if (target.name !== 'evaluate') {
        it('limits each key\'s own request rate with 429 and Retry-After', async () => {
          const fn = await target.start(3);
          try {
            const statuses = [];
            for (let i = 0; i < 4; i++) statuses.push((await ask(fn, target.good, '192.0.2.2')).status);
            assert.deepEqual(statuses, [200, 200, 200, 429]);
          } finally {
            await fn.close();
          }
        });
      }
    });
  }
});
