// What the validate function shares with every function: health, readiness, request ids, CORS
// for the console's origin only, admin-key authentication, 404 and 405 as problems.

import assert from 'node:assert/strict';
import { createValidateFunction } from '../../../functions/validate/app.ts';
import { CONSOLE_ORIGIN, demoDeps, SDK_KEY, serve, type Served } from '../framework-server.ts';

const body = { condition: { attr: 'plan', op: 'eq', value: 'pro' } };

describe('validate: common behaviour', () => {
  let fn: Served;
  before(async () => {
    fn = await serve('validate-common', createValidateFunction(demoDeps()));
  });
  after(() => fn.close());

  it('answers GET /healthz and GET /readyz with the store checked', async () => {
    const health = await fetch(`${fn.url}/healthz`);
    assert.deepEqual(await health.json(), { status: 'ok', function: 'validate' });
    const ready = await fetch(`${fn.url}/readyz`);
    const state = (await ready.json()) as { status: string; checks: { name: string; status: string }[] };
    assert.equal(ready.status, 200);
    assert.deepEqual(state.checks.map((c) => [c.name, c.status]), [['store', 'ok']]);
  });

  it('answers 503 from /readyz when the store fails', async () => {
    const deps = demoDeps();
    const failing = await serve('validate-unready', createValidateFunction({ ...deps, flags: { ...deps.flags, version: async () => { throw new Error('store down'); } } }));
    try {
      const ready = await fetch(`${failing.url}/readyz`);
      assert.equal(ready.status, 503);
    } finally {
      await failing.close();
    }
  });

  it('echoes a well-formed X-Request-Id and makes one up otherwise', async () => {
    const echoed = await fn.post('/v1/rules/validate', body, { 'x-request-id': 'req-123' });
    assert.equal(echoed.headers.get('x-request-id'), 'req-123');
    const made = await fn.post('/v1/rules/validate', body);
    assert.match(made.headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/);
  });

  it('answers CORS for the console origin, preflight included', async () => {
    const res = await fn.post('/v1/rules/validate', body, { origin: CONSOLE_ORIGIN });
    assert.equal(res.headers.get('access-control-allow-origin'), CONSOLE_ORIGIN);
    const preflight = await fetch(`${fn.url}/v1/rules/validate`, { method: 'OPTIONS', headers: { origin: CONSOLE_ORIGIN, 'access-control-request-method': 'POST' } });
    assert.equal(preflight.status, 204);
    assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /Authorization/);
  });

  it('gives no CORS headers to other origins', async () => {
    const res = await fn.post('/v1/rules/validate', body, { origin: 'https://elsewhere.example' });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('access-control-allow-origin'), null);
  });

  it('answers 401 without a key or with a wrong one, alike', async () => {
    for (const authorization of ['', 'Bearer not-a-key-at-all-000']) {
      const res = await fn.post('/v1/rules/validate', body, { authorization });
      assert.equal(res.status, 401);
      assert.equal(((await res.json()) as { code: string }).code, 'UNAUTHORIZED');
    }
  });

  it('answers 403 to an SDK key', async () => {
    const res = await fn.post('/v1/rules/validate', body, { authorization: `Bearer ${SDK_KEY}` });
    assert.equal(res.status, 403);
    assert.equal(((await res.json()) as { code: string }).code, 'FORBIDDEN');
  });

  it('answers 405 with Allow for the wrong method and 404 for an unknown path', async () => {
    const wrong = await fn.get('/v1/rules/validate');
    assert.equal(wrong.status, 405);
    assert.equal(wrong.headers.get('allow'), 'POST');
    const missing = await fn.post('/v1/rules/nothing', body);
    assert.equal(missing.status, 404);
    assert.equal(missing.headers.get('content-type'), 'application/problem+json');
  });
});
