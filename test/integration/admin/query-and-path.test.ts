// Through the real framework's query parser: bracketed, repeated and unknown parameters answer
// 400 at their name; numbers in paths and queries are canonical integers only; every route with
// an environment in its path answers 404 for an unknown one.

import assert from 'node:assert/strict';
import { ENV, flagPath, serveAdmin, type AdminServer } from './fixture.ts';

const problemOf = async (res: Response) => ({ status: res.status, ...((await res.json()) as { code: string; errors: { path: string }[] }) });

describe('admin: query parameters, path numbers and unknown environments', () => {
  let server: AdminServer;
  before(async () => {
    server = await serveAdmin();
  });
  after(() => server.close());

  for (const [query, path] of [
    ['environment[]=development', '?environment'],
    ['environment[x]=development', '?environment'],
    ['environment=development&environment=other', '?environment'],
    ['enviroment=development', '?enviroment'],
    ['kind[]=sdk', '?kind'],
  ] as const) {
    it(`GET /v1/keys?${query} -> 400 INVALID_QUERY at ${path}`, async () => {
      const p = await problemOf(await server.call('GET', `/v1/keys?${query}`));
      assert.deepEqual([p.status, p.code, p.errors.map((e) => e.path)], [400, 'INVALID_QUERY', [path]]);
    });
  }

  for (const [route, path] of [
    [`/v1/environments/${ENV}/flags?tag[]=x`, '?tag'],
    [`/v1/environments/${ENV}/flags?tags=x`, '?tags'],
    [`${flagPath('dark-mode')}/versions?limit=1e1`, '?limit'],
    [`${flagPath('dark-mode')}/versions?limit=010`, '?limit'],
    [`${flagPath('dark-mode')}/diff?from=0x1&to=1`, '?from'],
    [`${flagPath('dark-mode')}/diff?from=0&to=1.0`, '?to'],
    [`${flagPath('dark-mode')}/usage?minutes=6e1`, '?minutes'],
    [`${flagPath('dark-mode')}/usage?minute=60`, '?minute'],
  ] as const) {
    it(`GET ${route} -> 400 INVALID_QUERY at ${path}`, async () => {
      const p = await problemOf(await server.call('GET', route));
      assert.deepEqual([p.status, p.code, p.errors.map((e) => e.path)], [400, 'INVALID_QUERY', [path]]);
    });
  }

  for (const version of ['1e0', '0x1', '1.0', '01', '+1', '0', '-1']) {
    it(`GET …/versions/${version} -> 400 INVALID_PATH`, async () => {
      const p = await problemOf(await server.call('GET', `${flagPath('dark-mode')}/versions/${encodeURIComponent(version)}`));
      assert.deepEqual([p.status, p.code], [400, 'INVALID_PATH']);
    });
  }

  it('GET …/versions/1 and a canonical diff still answer 200', async () => {
    assert.equal((await server.call('GET', `${flagPath('dark-mode')}/versions/1`)).status, 200);
    assert.equal((await server.call('GET', `${flagPath('dark-mode')}/diff?from=0&to=1`)).status, 200);
  });

  const nowhere = (path: string) => path.replace(ENV, 'nowhere');
  for (const [method, route, body] of [
    ['GET', nowhere(`${flagPath('dark-mode')}/usage`)],
    ['GET', nowhere(`${flagPath('dark-mode')}/diff?from=0&to=0`)],
    ['GET', nowhere(`${flagPath('dark-mode')}/versions`)],
    ['GET', nowhere(`${flagPath('dark-mode')}/versions/1`)],
    ['GET', nowhere(flagPath('dark-mode'))],
    ['GET', nowhere(`/v1/environments/${ENV}/flags`)],
    ['GET', nowhere(`/v1/environments/${ENV}/segments`)],
    ['GET', nowhere(`/v1/environments/${ENV}/export`)],
    ['POST', nowhere(`/v1/environments/${ENV}/flags:bulk`), { action: 'enable', keys: ['dark-mode'] }],
  ] as const) {
    it(`${method} ${route} -> 404`, async () => {
      const res = await server.call(method, route, body === undefined ? {} : { body });
      assert.equal(res.status, 404, await res.clone().text());
      assert.equal(res.headers.get('content-type'), 'application/problem+json');
    });
  }
});
