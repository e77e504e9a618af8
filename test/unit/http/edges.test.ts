import assert from 'node:assert/strict';
import { createMemoryRateLimiter } from '../../../shared/http/rate-limit.ts';
import { createRouter } from '../../../shared/http/router.ts';
import { nestsDeeperThan } from '../../../shared/http/json-depth.ts';
import { cachingKeyLookup, presentedKey } from '../../../shared/http/auth.ts';
import { hashKey } from '../../../shared/store/api-keys.ts';
import { createMetricsRecorder } from '../../../shared/telemetry/recorder.ts';
import { problem, STATUS_OF, API_ERROR_CODES } from '../../../shared/http/problem.ts';
import { requestIdOf } from '../../../shared/http/request-id.ts';
import type { HttpRequest } from '../../../shared/http/types.ts';

const request = (headers: HttpRequest['headers']): HttpRequest => ({ method: 'GET', path: '/', query: {}, headers });

describe('token bucket rate limiter', () => {
  it('allows the burst, then one request per refill interval', async () => {
    let now = 0;
    const limiter = createMemoryRateLimiter({ ratePerSecond: 2, burst: 3 }, () => now);
    const taken = [];
    for (let i = 0; i < 4; i++) taken.push((await limiter.take('k')).allowed);
    assert.deepEqual(taken, [true, true, true, false]);
    now = 499;
    assert.equal((await limiter.take('k')).allowed, false);
    now = 500;
    assert.equal((await limiter.take('k')).allowed, true);
  });

  it('tells how long to wait, in whole seconds, at least one', async () => {
    const limiter = createMemoryRateLimiter({ ratePerSecond: 0.25, burst: 1 }, () => 0);
    await limiter.take('k');
    assert.equal((await limiter.take('k')).retryAfterSeconds, 4);
  });

  it('keeps a bucket per key', async () => {
    const limiter = createMemoryRateLimiter({ ratePerSecond: 1, burst: 1 }, () => 0);
    assert.equal((await limiter.take('a')).allowed, true);
    assert.equal((await limiter.take('b')).allowed, true);
    assert.equal((await limiter.take('a')).allowed, false);
  });
});

describe('router', () => {
  const route = createRouter([
    { method: 'POST', path: '/ofrep/v1/evaluate/flags/:key', handler: () => undefined },
    { method: 'GET', path: '/v1/attributes', handler: () => undefined },
  ]);

  it('matches a pattern and decodes its parameters', () => {
    const match = route('POST', '/ofrep/v1/evaluate/flags/new%20checkout');
    assert.ok(match.ok);
    assert.deepEqual(match.params, { key: 'new checkout' });
  });

  it('answers HEAD with the GET route', () => {
    assert.ok(route('HEAD', '/v1/attributes').ok);
  });

  it('tells 405 with the allowed methods from 404', () => {
    const wrong = route('GET', '/ofrep/v1/evaluate/flags/x');
    assert.ok(!wrong.ok && wrong.problem.status === 405 && wrong.allow === 'POST');
    const missing = route('GET', '/nothing');
    assert.ok(!missing.ok && missing.problem.status === 404);
  });

  it('refuses a parameter that is not valid percent-encoding', () => {
    assert.equal(route('POST', '/ofrep/v1/evaluate/flags/%E0%A4%A').ok, false);
  });
});

describe('JSON depth', () => {
  it('measures arrays and objects alike, without recursion', () => {
    assert.equal(nestsDeeperThan({ a: [{ b: 1 }] }, 3), false);
    assert.equal(nestsDeeperThan({ a: [{ b: {} }] }, 3), true);
    let bomb: unknown = 1;
    for (let i = 0; i < 200_000; i++) bomb = [bomb];
    assert.equal(nestsDeeperThan(bomb, 64), true);
    assert.equal(nestsDeeperThan('scalar', 0), false);
  });
});

describe('API keys', () => {
  it('reads a Bearer token or X-API-Key, Bearer first', () => {
    assert.equal(presentedKey(request({ authorization: 'Bearer abc' })), 'abc');
    assert.equal(presentedKey(request({ authorization: 'bearer   abc  ' })), 'abc');
    assert.equal(presentedKey(request({ 'x-api-key': 'xyz' })), 'xyz');
    assert.equal(presentedKey(request({ authorization: 'Bearer abc', 'x-api-key': 'xyz' })), 'abc');
    assert.equal(presentedKey(request({ authorization: 'Basic abc' })), undefined);
    assert.equal(presentedKey(request({})), undefined);
  });

  it('hashes keys with SHA-256', () => {
    assert.equal(hashKey('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('problems', () => {
  it('map every code to a 4xx or 5xx status and a stable type', () => {
    for (const code of API_ERROR_CODES) {
      const p = problem(code, 'detail');
      assert.equal(p.status, STATUS_OF[code]);
      assert.ok(p.status >= 400 && p.status < 600);
      assert.match(p.type, /^https:\/\/switchyard\.dev\/problems\/[a-z-]+$/);
    }
  });
});

describe('request ids', () => {
  it('keeps a well-formed id and replaces anything else', () => {
    assert.equal(requestIdOf('abc-123'), 'abc-123');
    assert.equal(requestIdOf(['first', 'second']), 'first');
    assert.notEqual(requestIdOf('has spaces'), 'has spaces');
    assert.notEqual(requestIdOf('x'.repeat(129)), 'x'.repeat(129));
    assert.match(requestIdOf(undefined), /^[0-9a-f-]{36}$/);
  });
});

describe('key cache', () => {
  const principal = { kind: 'sdk', keyId: 'k1', name: 'n', environment: 'e', access: 'server' } as const;

  it('answers a verified key from memory until its time runs out', async () => {
    let reads = 0;
    const keys = cachingKeyLookup({ findByHash: async (hash) => (reads++, hash === hashKey('secret') ? principal : undefined) }, { ttlMs: 60_000 });
    assert.deepEqual(await keys.find('secret'), principal);
    assert.deepEqual(keys.find('secret'), principal, 'the second answer is synchronous');
    assert.equal(reads, 1);
  });

  it('counts key cache hits and misses', async () => {
    const metrics = createMetricsRecorder();
    const keys = cachingKeyLookup({ findByHash: async (hash) => (hash === hashKey('secret') ? principal : undefined) }, { ttlMs: 60_000, metrics });
    await keys.find('secret');
    await keys.find('secret');
    await keys.find('unknown');
    const lookups = Object.fromEntries(metrics.drain().counters.map((c) => [`${c.l.cache}/${c.l.result}`, c.v]));
    assert.deepEqual(lookups, { 'key/miss': 2, 'key/hit': 1 });
  });

  it('checks a remembered key again when its environment\'s version moves, and refuses it once revoked', async () => {
    let revoked = false;
    let reads = 0;
    const keys = cachingKeyLookup({ findByHash: async () => (reads++, revoked ? undefined : principal) }, { ttlMs: 60_000 });
    await keys.find('secret');
    assert.equal(keys.stillValid!('secret', 7), true, 'first seen at version 7: the store said so a moment ago');
    assert.equal(keys.stillValid!('secret', 7), true);
    assert.equal(reads, 1, 'the same version needs no read');
    revoked = true;
    assert.equal(await keys.stillValid!('secret', 8), false, 'the version moved: the store is asked, and the key is gone');
    assert.equal(await keys.find('secret'), undefined, 'and it is forgotten');
  });

  it('stops answering a remembered key at its expiry (a rotated key\'s overlap)', async () => {
    let now = 1000;
    let reads = 0;
    const expiring = { ...principal, expiresAt: 2000 };
    const keys = cachingKeyLookup({ findByHash: async () => (reads++, now < 2000 ? expiring : undefined) }, { ttlMs: 60_000, now: () => now });
    assert.deepEqual(await keys.find('secret'), expiring);
    now = 1999;
    assert.deepEqual(keys.find('secret'), expiring);
    now = 2000;
    assert.equal(await keys.find('secret'), undefined);
    assert.equal(reads, 2);
  });

  it('does not remember unknown keys', async () => {
    let reads = 0;
    const keys = cachingKeyLookup({ findByHash: () => (reads++, undefined) }, { ttlMs: 60_000 });
    await keys.find('x');
    await keys.find('x');
    assert.equal(reads, 2);
  });
});
