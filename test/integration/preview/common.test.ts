// What the preview function shares with every function: health, readiness, request ids, CORS for
// the console only, admin keys on every route, and the environment from the query.

import assert from 'node:assert/strict';
import { createPreviewFunction } from '../../../functions/preview/app.ts';
import { CONSOLE_ORIGIN, demoDeps, SDK_KEY, serve, type Served } from '../framework-server.ts';

describe('preview: common behaviour', () => {
  let fn: Served;
  before(async () => {
    fn = await serve('preview-common', createPreviewFunction(demoDeps()));
  });
  after(() => fn.close());

  it('answers GET /healthz and GET /readyz', async () => {
    assert.deepEqual(await (await fetch(`${fn.url}/healthz`)).json(), { status: 'ok', function: 'preview' });
    const ready = await fetch(`${fn.url}/readyz`);
    assert.equal(ready.status, 200);
  });

  it('echoes X-Request-Id', async () => {
    const res = await fn.get('/v1/rules/templates', { 'x-request-id': 'abc-1' });
    assert.equal(res.headers.get('x-request-id'), 'abc-1');
  });

  it('answers CORS for the console origin only', async () => {
    assert.equal((await fn.get('/v1/attributes', { origin: CONSOLE_ORIGIN })).headers.get('access-control-allow-origin'), CONSOLE_ORIGIN);
    assert.equal((await fn.get('/v1/attributes', { origin: 'https://evil.example' })).headers.get('access-control-allow-origin'), null);
  });

  for (const [method, path] of [['GET', '/v1/attributes'], ['GET', '/v1/rules/templates'], ['POST', '/v1/rules/preview'], ['POST', '/v1/rules/rollout-estimate'], ['POST', '/v1/rules/analyze'], ['POST', '/v1/rules/performance']] as const) {
    it(`${method} ${path} answers 401 without a key and 403 for an SDK key`, async () => {
      const none = await fetch(fn.url + path, { method, ...(method === 'POST' ? { body: '{}', headers: { 'content-type': 'application/json' } } : {}) });
      assert.equal(none.status, 401);
      const sdk = await fetch(fn.url + path, { method, headers: { authorization: `Bearer ${SDK_KEY}`, 'content-type': 'application/json' }, ...(method === 'POST' ? { body: '{}' } : {}) });
      assert.equal(sdk.status, 403);
    });
  }

  it('answers 404 for an unknown environment', async () => {
    const res = await fn.get('/v1/attributes?environment=staging');
    assert.equal(res.status, 404);
    assert.equal(((await res.json()) as { code: string }).code, 'NOT_FOUND');
  });
});
