// Golden tests on every save (refused with the failing cases unless forced with a comment), bulk
// actions with a status per item, environments, and API keys (secret once, rotation overlap).

import assert from 'node:assert/strict';
import { ENV, flagPath, KEYS, serveAdmin, type AdminServer } from './fixture.ts';

const E = `/v1/environments/${ENV}`;
const json = async <T = Record<string, unknown>>(res: Response) => (await res.json()) as T;
const proFlag = (tests: unknown[], extra: Record<string, unknown> = {}) => ({
  key: 'pro-only', enabled: true, variants: { on: true, off: false }, offVariant: 'off', defaultVariant: 'off',
  rules: [{ id: 'pro', when: { attr: 'plan', op: 'eq', value: 'pro' }, serve: { variant: 'on' } }], tests, ...extra,
});
const TESTS = [
  { name: 'pro gets it', context: { targetingKey: 'u1', plan: 'pro' }, expect: { variant: 'on' } },
  { context: { targetingKey: 'u2', plan: 'free' }, expect: { variant: 'off' } },
];

describe('admin: golden tests, bulk, environments and keys', () => {
  let server: AdminServer;
  beforeEach(async () => {
    server = await serveAdmin();
  });
  afterEach(() => server.close());

  it('saves a flag whose golden tests pass, and refuses a change that breaks one, listing it', async () => {
    assert.equal((await server.call('PUT', flagPath('pro-only'), { ifMatch: 0, body: { flag: proFlag(TESTS) } })).status, 201);
    const broken = proFlag(TESTS, { rules: [{ id: 'pro', when: { attr: 'plan', op: 'eq', value: 'enterprise' }, serve: { variant: 'on' } }] });
    const refused = await server.call('PUT', flagPath('pro-only'), { ifMatch: 1, body: { flag: broken } });
    assert.equal(refused.status, 422);
    const problem = await json<{ code: string; failures: { name?: string; context: unknown; expected: string; got: string; reason: string }[]; errors: { path: string }[] }>(refused);
    assert.equal(problem.code, 'GOLDEN_TESTS_FAILED');
    assert.deepEqual(problem.failures.map((f) => [f.name, f.expected, f.got, f.reason]), [['pro gets it', 'on', 'off', 'DEFAULT']]);
    assert.deepEqual(problem.failures[0]?.context, TESTS[0]?.context);
    assert.deepEqual(problem.errors.map((e) => e.path), ['/flag/tests/0']);

    const noComment = await server.call('PUT', `${flagPath('pro-only')}?force=true`, { ifMatch: 1, body: { flag: broken } });
    assert.equal(noComment.status, 400);
    const forced = await server.call('PUT', `${flagPath('pro-only')}?force=true`, { ifMatch: 1, body: { flag: broken, comment: 'enterprise only from now on' } });
    assert.equal(forced.status, 200);
    assert.equal((await json<{ forcedGoldenFailures: unknown[] }>(forced)).forcedGoldenFailures.length, 1);
  });

  it('runs a golden test at its own now when it gives one', async () => {
    const scheduled = proFlag([{ context: { targetingKey: 'u', plan: 'pro' }, now: '2030-01-01T00:00:00Z', expect: { variant: 'off' } }], { schedule: { until: '2029-01-01T00:00:00Z' } });
    assert.equal((await server.call('PUT', flagPath('pro-only'), { ifMatch: 0, body: { flag: scheduled } })).status, 201);
  });

  it('applies bulk actions one versioned write per item, with a status per item', async () => {
    const disable = await server.call('POST', `${E}/flags:bulk`, { body: { action: 'disable', keys: ['new-checkout', 'dark-mode', 'missing'] } });
    assert.equal(disable.status, 200);
    const body = await json<{ succeeded: number; failed: number; items: { key: string; status: number; version?: number }[] }>(disable);
    assert.deepEqual(body.items.map((i) => [i.key, i.status]), [['new-checkout', 200], ['dark-mode', 200], ['missing', 404]]);
    assert.equal(body.succeeded, 2);
    const got = await json<{ version: number; document: { enabled: boolean } }>(await server.call('GET', flagPath('new-checkout')));
    assert.deepEqual([got.version, got.document.enabled], [2, false]);

    assert.equal((await server.call('POST', '/v1/environments', { body: { key: 'staging' } })).status, 201);
    // beta-features needs the segments, which staging lacks: that item is refused, the other copied.
    const copy = await json<{ items: { key: string; status: number }[] }>(await server.call('POST', `${E}/flags:bulk`, { body: { action: 'copy', keys: ['dark-mode', 'beta-features'], targetEnvironment: 'staging' } }));
    assert.deepEqual(copy.items.map((i) => [i.key, i.status]), [['dark-mode', 201], ['beta-features', 422]]);
    assert.equal((await server.call('GET', flagPath('dark-mode', 'staging'))).status, 200);

    const del = await json<{ items: { status: number }[] }>(await server.call('POST', `${E}/flags:bulk`, { body: { action: 'delete', keys: ['dark-mode'] } }));
    assert.equal(del.items[0]?.status, 200);
    assert.equal((await server.call('GET', flagPath('dark-mode'))).status, 404);
    assert.equal((await server.call('POST', `${E}/flags:bulk`, { body: { action: 'copy', keys: ['x'] } })).status, 400);
  });

  it('lists and creates environments (409 when it exists)', async () => {
    assert.equal((await server.call('POST', '/v1/environments', { body: { key: 'qa', name: 'QA' } })).status, 201);
    assert.equal((await server.call('POST', '/v1/environments', { body: { key: 'qa' } })).status, 409);
    assert.equal((await server.call('POST', '/v1/environments', { body: { key: 'Not OK' } })).status, 400);
    const list = await json<{ environments: { key: string }[] }>(await server.call('GET', '/v1/environments'));
    assert.deepEqual(list.environments.map((e) => e.key), [ENV, 'qa']);
  });

  it('creates keys with the secret shown once, lists without secrets, revokes and rotates with an overlap', async () => {
    const created = await server.call('POST', '/v1/keys', { body: { kind: 'admin', role: 'viewer', name: 'ci' } });
    assert.equal(created.status, 201);
    const { key, secret } = await json<{ key: { id: string }; secret: string }>(created);
    assert.match(secret, /^sy_admin_/);
    assert.equal((await server.call('GET', '/v1/environments', { headers: { authorization: `Bearer ${secret}` }, key: 'none' })).status, 200);
    const listed = await server.call('GET', '/v1/keys');
    const text = await listed.text();
    assert.ok(!text.includes(secret) && !text.includes(KEYS.admin), 'no secret in the listing');
    assert.ok(JSON.parse(text).keys.some((k: { id: string }) => k.id === key.id));

    const sdk = await json<{ key: { id: string }; secret: string }>(await server.call('POST', '/v1/keys', { body: { kind: 'sdk', environment: ENV, name: 'web' } }));
    assert.match(sdk.secret, /^sy_sdk_/);
    assert.equal((await server.call('POST', '/v1/keys', { body: { kind: 'sdk', environment: 'nowhere', name: 'x' } })).status, 404);

    const rotated = await server.call('POST', `/v1/keys/${key.id}/rotate`, { body: { overlapSeconds: 3600 } });
    assert.equal(rotated.status, 201);
    const successor = await json<{ secret: string; previous: { worksUntil: string } }>(rotated);
    assert.equal(successor.previous.worksUntil, '2026-03-10T13:00:00.000Z');
    for (const s of [secret, successor.secret]) assert.equal((await server.call('GET', '/v1/environments', { key: 'none', headers: { authorization: `Bearer ${s}` } })).status, 200);

    assert.equal((await server.call('POST', `/v1/keys/${key.id}/revoke`)).status, 200);
    assert.equal((await server.call('GET', '/v1/environments', { key: 'none', headers: { authorization: `Bearer ${secret}` } })).status, 401);
    assert.equal((await server.call('POST', '/v1/keys/no-such/revoke')).status, 404);
  });

  describe('SDK key kinds', () => {
    const create = (body: Record<string, unknown>) => server.call('POST', '/v1/keys', { body: { kind: 'sdk', environment: ENV, name: 'web', ...body } });

    it('creates server keys by default and client keys on request, with their allowed origins', async () => {
      const server1 = await json<{ key: { access: string } }>(await create({}));
      assert.equal(server1.key.access, 'server');
      const client = await create({ access: 'client', allowedOrigins: ['https://app.example.com', 'http://localhost:3000'] });
      assert.equal(client.status, 201);
      const made = await json<{ key: { id: string; access: string; allowedOrigins: string[] } }>(client);
      assert.deepEqual([made.key.access, made.key.allowedOrigins], ['client', ['https://app.example.com', 'http://localhost:3000']]);
      const listed = await json<{ keys: { id: string; access?: string }[] }>(await server.call('GET', '/v1/keys'));
      assert.equal(listed.keys.find((k) => k.id === made.key.id)?.access, 'client');
    });

    const refusals: [string, Record<string, unknown>, string][] = [
      ['allowed origins on a server key', { allowedOrigins: ['https://app.example.com'] }, '/allowedOrigins'],
      ['an origin with a path', { access: 'client', allowedOrigins: ['https://app.example.com/page'] }, '/allowedOrigins/0'],
      ['an origin with a trailing slash', { access: 'client', allowedOrigins: ['https://app.example.com/'] }, '/allowedOrigins/0'],
      ['an origin that is no URL', { access: 'client', allowedOrigins: ['app.example.com'] }, '/allowedOrigins/0'],
      ['an empty list of origins', { access: 'client', allowedOrigins: [] }, '/allowedOrigins'],
      ['an unknown access', { access: 'browser' }, '/access'],
    ];
    for (const [what, body, path] of refusals) {
      it(`refuses ${what} at ${path}`, async () => {
        const res = await create(body);
        assert.ok(res.status === 400 || res.status === 422, `status ${res.status}`);
        const problem = await json<{ errors: { path: string }[] }>(res);
        assert.ok(problem.errors.some((e) => e.path === path), JSON.stringify(problem.errors));
      });
    }
  });
});
