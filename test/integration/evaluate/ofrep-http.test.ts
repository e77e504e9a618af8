import assert from 'node:assert/strict';
import { LIMITS } from '../../../shared/rules/index.ts';
import { ADMIN_KEY, OTHER_ENV_KEY, post, SDK_KEY, startEvaluate, TEST_FLAGS, type Fixture } from './fixture.ts';

const IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';

describe('evaluate over HTTP', () => {
  let fixture: Fixture;
  const single = (key: string) => `${fixture.url}/ofrep/v1/evaluate/flags/${key}`;
  const bulk = () => `${fixture.url}/ofrep/v1/evaluate/flags`;

  before(async () => {
    fixture = await startEvaluate();
  });
  after(() => fixture.close());

  describe('single flag', () => {
    it('answers JSON with key, value, reason, variant and metadata', async () => {
      const res = await post(single('bool-flag'), { context: { targetingKey: 'u1', plan: 'pro' } });
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
      assert.deepEqual(await res.json(), { key: 'bool-flag', value: true, reason: 'TARGETING_MATCH', variant: 'on', metadata: { flagVersion: 1, ruleId: 'pros' } });
    });

    it('answers 404 with an OFREP body and a problem for a missing flag', async () => {
      const res = await post(single('ghost'), { context: { targetingKey: 'u1' } });
      assert.equal(res.status, 404);
      assert.equal(res.headers.get('content-type'), 'application/problem+json');
      const body = await res.json();
      assert.equal(body.key, 'ghost');
      assert.equal(body.errorCode, 'FLAG_NOT_FOUND');
      assert.equal(body.code, 'FLAG_NOT_FOUND');
      assert.equal(body.status, 404);
    });

    it('treats a missing context as an empty one', async () => {
      const res = await post(single('string-flag'), {});
      assert.deepEqual(await res.json(), { key: 'string-flag', value: 'beta', reason: 'STATIC', variant: 'b', metadata: { flagVersion: 1 } }, 'a seeded flag carries its version like a written one');
    });

    it('answers 400 INVALID_CONTEXT for a context that is not an object', async () => {
      const res = await post(single('bool-flag'), { context: ['not', 'an', 'object'] });
      assert.equal(res.status, 400);
      assert.equal((await res.json()).errorCode, 'INVALID_CONTEXT');
    });

    it('answers 400 INVALID_CONTEXT past 100 attributes', async () => {
      const context = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`a${i}`, i]));
      const res = await post(single('bool-flag'), { context });
      assert.equal(res.status, 400);
      assert.equal((await res.json()).errorCode, 'INVALID_CONTEXT');
    });
  });

  describe('bulk', () => {
    it('answers every flag of the environment with an ETag', async () => {
      const res = await post(bulk(), { context: { targetingKey: 'u1', plan: 'pro' } });
      assert.equal(res.status, 200);
      assert.ok(res.headers.get('etag'));
      const body = await res.json();
      assert.deepEqual(body.flags.map((f: { key: string }) => f.key), TEST_FLAGS.map((f) => f.key).sort());
      assert.equal(body.flags.find((f: { key: string }) => f.key === 'bool-flag').value, true);
    });

    it('answers 304 without a body when If-None-Match names the current ETag', async () => {
      const context = { context: { targetingKey: 'u1' } };
      const etag = (await post(bulk(), context)).headers.get('etag')!;
      const again = await post(bulk(), context, { 'If-None-Match': etag });
      assert.equal(again.status, 304);
      assert.equal(await again.text(), '');
      assert.equal(again.headers.get('etag'), etag);
      const weak = await post(bulk(), context, { 'If-None-Match': `"other", W/${etag}` });
      assert.equal(weak.status, 304);
    });

    it('changes the ETag when the context changes the answers', async () => {
      const a = (await post(bulk(), { context: { targetingKey: 'u1', plan: 'pro' } })).headers.get('etag');
      const b = (await post(bulk(), { context: { targetingKey: 'u1', plan: 'free' } })).headers.get('etag');
      assert.notEqual(a, b);
    });

    it('changes the ETag when a flag changes', async () => {
      const context = { context: { targetingKey: 'u1' } };
      const before = (await post(bulk(), context)).headers.get('etag')!;
      fixture.store.putFlag('test', { key: 'string-flag', enabled: true, variants: { a: 'alpha', b: 'beta' }, offVariant: 'a', defaultVariant: 'a' });
      // The fixture's cache confirms the version on every request: the next one sees the write.
      const res = await post(bulk(), context, { 'If-None-Match': before });
      assert.equal(res.status, 200);
      assert.notEqual(res.headers.get('etag'), before);
      assert.equal((await res.json()).flags.find((f: { key: string }) => f.key === 'string-flag').value, 'alpha');
    });
  });

  describe('keys', () => {
    it('answers 401 with the same problem for a missing and for a wrong key', async () => {
      const missing = await fetch(single('bool-flag'), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"context":{}}' });
      const wrong = await post(single('bool-flag'), { context: {} }, { Authorization: 'Bearer wrong-key-000000000' });
      assert.deepEqual([missing.status, wrong.status], [401, 401]);
      const [a, b] = [await missing.json(), await wrong.json()];
      assert.deepEqual(a, b);
      assert.equal(a.code, 'UNAUTHORIZED');
    });

    it('accepts the key as X-API-Key', async () => {
      const res = await fetch(single('bool-flag'), { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-API-Key': SDK_KEY }, body: '{"context":{"plan":"pro"}}' });
      assert.equal(res.status, 200);
    });

    it('answers 403 to an admin key', async () => {
      const res = await post(single('bool-flag'), { context: {} }, { Authorization: `Bearer ${ADMIN_KEY}` });
      assert.equal(res.status, 403);
      assert.equal((await res.json()).code, 'FORBIDDEN');
    });

    it('scopes an SDK key to its environment', async () => {
      const res = await post(single('bool-flag'), { context: {} }, { Authorization: `Bearer ${OTHER_ENV_KEY}` });
      assert.equal(res.status, 404);
      const staging = await post(single('staging-only'), { context: {} }, { Authorization: `Bearer ${OTHER_ENV_KEY}` });
      assert.equal(staging.status, 200);
    });
  });

  describe('request bodies', () => {
    it('answers 400 MALFORMED_JSON as problem+json', async () => {
      const res = await post(single('bool-flag'), '{"context": {');
      assert.equal(res.status, 400);
      assert.equal(res.headers.get('content-type'), 'application/problem+json');
      assert.equal((await res.json()).code, 'MALFORMED_JSON');
    });

    it('answers 415 to a body that is not JSON', async () => {
      const res = await post(single('bool-flag'), 'context=1', { 'Content-Type': 'text/plain' });
      assert.equal(res.status, 415);
      assert.equal((await res.json()).code, 'UNSUPPORTED_MEDIA_TYPE');
    });

    it('accepts a body of 64 KiB and answers 413 one byte past it', async () => {
      const body = (size: number) => {
        const empty = JSON.stringify({ context: { targetingKey: 'u1', pad: '' } }).length;
        return JSON.stringify({ context: { targetingKey: 'u1', pad: 'x'.repeat(size - empty) } });
      };
      // At the limit the body is accepted; its 1 KiB-per-string context limit is what answers.
      assert.equal((await post(single('bool-flag'), body(LIMITS.evaluateBodyBytes))).status, 400);
      const res = await post(single('bool-flag'), body(LIMITS.evaluateBodyBytes + 1));
      assert.equal(res.status, 413);
      assert.equal((await res.json()).code, 'BODY_TOO_LARGE');
    });

    it('answers 400 BODY_TOO_DEEP to a nesting bomb', async () => {
      const res = await post(single('bool-flag'), `{"context":{"a":${'['.repeat(20_000)}${']'.repeat(20_000)}}}`);
      assert.equal(res.status, 400);
      assert.equal((await res.json()).code, 'BODY_TOO_DEEP');
    });

    it('answers 400 to a body that is not an object', async () => {
      for (const body of ['[]', '"text"', '42', 'null']) {
        const res = await post(single('bool-flag'), body);
        assert.equal(res.status, 400, body);
        assert.equal(res.headers.get('content-type'), 'application/problem+json');
      }
    });
  });

  describe('context enrichment', () => {
    it('derives geo.country from the platform headers', async () => {
      const res = await post(single('geo-flag'), { context: { targetingKey: 'u1' } }, { 'X-AppEngine-Country': 'de' });
      assert.equal((await res.json()).value, true);
    });

    it('lets the client context win over the headers', async () => {
      const res = await post(single('geo-flag'), { context: { targetingKey: 'u1', geo: { country: 'FR' } } }, { 'X-AppEngine-Country': 'DE' });
      assert.equal((await res.json()).value, false);
    });

    it('derives the device type from the User-Agent', async () => {
      const res = await post(single('mobile-flag'), { context: { targetingKey: 'u1' } }, { 'User-Agent': IPHONE });
      assert.equal((await res.json()).value, true);
    });
  });

  describe('the edges every function has', () => {
    it('echoes a well-formed X-Request-Id and makes one up otherwise', async () => {
      const echoed = await post(single('bool-flag'), { context: {} }, { 'X-Request-Id': 'req-123' });
      assert.equal(echoed.headers.get('x-request-id'), 'req-123');
      const made = await post(single('bool-flag'), { context: {} }, { 'X-Request-Id': 'bad id with spaces' });
      assert.match(made.headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/);
    });

    it('answers a CORS preflight from any origin', async () => {
      const res = await fetch(single('bool-flag'), { method: 'OPTIONS', headers: { Origin: 'https://app.example', 'Access-Control-Request-Method': 'POST' } });
      assert.equal(res.status, 204);
      assert.equal(res.headers.get('access-control-allow-origin'), '*');
      assert.match(res.headers.get('access-control-allow-headers') ?? '', /Authorization/);
    });

    it('answers /healthz and /readyz', async () => {
      assert.deepEqual(await (await fetch(`${fixture.url}/healthz`)).json(), { status: 'ok', function: 'evaluate' });
      assert.equal((await fetch(`${fixture.url}/readyz`)).status, 200);
    });

    it('answers 404 and 405 as problems', async () => {
      const missing = await fetch(`${fixture.url}/nope`);
      assert.equal(missing.status, 404);
      assert.equal((await missing.json()).code, 'NOT_FOUND');
      const wrongMethod = await fetch(single('bool-flag'));
      assert.equal(wrongMethod.status, 405);
      assert.equal(wrongMethod.headers.get('allow'), 'POST');
    });
  });
});

describe('rate limits', () => {
  it('answers 429 with Retry-After once a key spends its burst', async () => {
    const fixture = await startEvaluate({ rate: { ratePerSecond: 1, burst: 2 } });
    try {
      const statuses: number[] = [];
      let retryAfter: string | null = null;
      for (let i = 0; i < 3; i++) {
        const res = await post(`${fixture.url}/ofrep/v1/evaluate/flags/bool-flag`, { context: {} });
        statuses.push(res.status);
        if (res.status === 429) {
          retryAfter = res.headers.get('retry-after');
          assert.equal((await res.json()).code, 'RATE_LIMITED');
        }
      }
      assert.deepEqual(statuses, [200, 200, 429]);
      assert.equal(retryAfter, '1');
    } finally {
      await fixture.close();
    }
  });
});
