// SDK key kinds: client keys (safe in a browser) evaluate only flags marked clientVisible, from
// their allowed origins, and never batch or track; server keys do everything but are refused from
// browsers (any request with an Origin header).

import assert from 'node:assert/strict';
import { createSnapshotCache } from '../../../shared/cache/snapshot-cache.ts';
import { cachingKeyLookup } from '../../../shared/http/auth.ts';
import { hashKey } from '../../../shared/store/api-keys.ts';
import { createMemoryRateLimiter } from '../../../shared/http/rate-limit.ts';
import { createMemoryBehaviorCounters } from '../../../shared/cache/behavior-counters.ts';
import { createEvaluateFunction } from '../../../functions/evaluate/app.ts';
import { serveFunction, type RunningFunction } from '../../helpers/function-server.ts';
import { createBackdooredMemoryStore } from '../../helpers/memory-backdoor.ts';
import type { FlagInput } from '../../../shared/rules/index.ts';
import { testTelemetry } from '../../helpers/telemetry.ts';

const SERVER = 'sdk-server-key-for-kinds-01';
const CLIENT = 'sdk-client-key-for-kinds-01';
const PINNED = 'sdk-client-key-pinned-0001';
const APP = 'https://app.example.com';

const onOff = { enabled: true, variants: { on: true, off: false }, offVariant: 'off', defaultVariant: 'on' } as const;
const FLAGS: FlagInput[] = [
  { key: 'public-banner', clientVisible: true, ...onOff },
  { key: 'internal-limit', ...onOff },
  { key: 'explicitly-hidden', clientVisible: false, ...onOff },
];

describe('SDK key kinds', () => {
  let running: RunningFunction;
  before(async () => {
    const store = createBackdooredMemoryStore({
      environments: { test: { flags: FLAGS } },
      keys: [
        { kind: 'sdk', name: 'server', environment: 'test', secret: SERVER },
        { kind: 'sdk', access: 'client', name: 'client', environment: 'test', secret: CLIENT },
      ],
    });
    // A client key pinned to one origin, stored as the admin API stores it.
    store.raw.writeKey(hashKey(PINNED), { kind: 'sdk', access: 'client', allowedOrigins: [APP], environment: 'test', id: 'key-pinned', name: 'pinned', hint: 'sy_…0001', createdAt: '2026-11-23T12:00:00.000Z', createdBy: 'test' });
    running = await serveFunction(
      'evaluate',
      createEvaluateFunction({
        keys: cachingKeyLookup(store.keys, { ttlMs: 60_000 }),
        limiter: createMemoryRateLimiter({ ratePerSecond: 10_000, burst: 10_000 }),
        snapshots: createSnapshotCache(store.flags, { maxStalenessMs: 1000 }),
        behavior: createMemoryBehaviorCounters(),
        now: Date.now,
        telemetry: testTelemetry('{n}'),
      }),
    );
  });
  after(() => running.close());

  const call = (path: string, key: string, body: unknown, origin?: string) =>
    fetch(running.url + path, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${key}`, ...(origin ? { Origin: origin } : {}) }, body: JSON.stringify(body) });
  const context = { context: { targetingKey: 'u1' } };

  describe('a client key', () => {
    it('evaluates a flag marked clientVisible, from a browser too', async () => {
      const res = await call('/ofrep/v1/evaluate/flags/public-banner', CLIENT, context, 'https://anywhere.example');
      assert.equal(res.status, 200);
      assert.equal((await res.json()).value, true);
    });

    for (const hidden of ['internal-limit', 'explicitly-hidden']) {
      it(`finds no flag that is not clientVisible (${hidden}), exactly as if it did not exist`, async () => {
        const res = await call(`/ofrep/v1/evaluate/flags/${hidden}`, CLIENT, context);
        assert.equal(res.status, 404);
        const body = await res.json();
        assert.deepEqual([body.errorCode, body.code], ['FLAG_NOT_FOUND', 'FLAG_NOT_FOUND']);
      });
    }

    it('lists only clientVisible flags in bulk answers', async () => {
      const res = await call('/ofrep/v1/evaluate/flags', CLIENT, context);
      assert.deepEqual((await res.json()).flags.map((f: { key: string }) => f.key), ['public-banner']);
      const server = await call('/ofrep/v1/evaluate/flags', SERVER, context);
      assert.deepEqual((await server.json()).flags.map((f: { key: string }) => f.key), ['explicitly-hidden', 'internal-limit', 'public-banner']);
    });

    it('may not track events or evaluate in batch (403, before its body is read)', async () => {
      for (const [path, body] of [['/v1/track', { targetingKey: 'u1', event: 'purchase' }], ['/v1/evaluate/batch', { contexts: [{ targetingKey: 'u1' }] }]] as const) {
        const res = await call(path, CLIENT, body);
        assert.equal(res.status, 403, path);
        const problem = await res.json();
        assert.equal(problem.code, 'FORBIDDEN');
        assert.match(problem.detail, /server SDK key/);
      }
    });

    it('with allowed origins: answers those origins and callers without one, and refuses every other origin', async () => {
      assert.equal((await call('/ofrep/v1/evaluate/flags/public-banner', PINNED, context, APP)).status, 200);
      assert.equal((await call('/ofrep/v1/evaluate/flags/public-banner', PINNED, context)).status, 200);
      for (const origin of ['https://evil.example', 'http://app.example.com', 'https://app.example.com:8443']) {
        const res = await call('/ofrep/v1/evaluate/flags/public-banner', PINNED, context, origin);
        assert.equal(res.status, 403, origin);
        assert.match((await res.json()).detail, /not among this client key's allowed origins/);
      }
    });
  });

  describe('a server key', () => {
    it('evaluates every flag and tracks from a server (no Origin header)', async () => {
      assert.equal((await call('/ofrep/v1/evaluate/flags/internal-limit', SERVER, context)).status, 200);
      assert.equal((await call('/v1/track', SERVER, { targetingKey: 'u1', event: 'purchase' })).status, 202);
    });

    it('is refused from a browser on every route, with a problem that says to use a client key', async () => {
      for (const path of ['/ofrep/v1/evaluate/flags/internal-limit', '/ofrep/v1/evaluate/flags', '/v1/track', '/v1/evaluate/batch']) {
        const res = await call(path, SERVER, { ...context, contexts: [{}], targetingKey: 'u', event: 'e' }, 'https://app.example.com');
        assert.equal(res.status, 403, path);
        assert.equal(res.headers.get('content-type'), 'application/problem+json');
        assert.match((await res.json()).detail, /client key/);
      }
    });
  });
});
