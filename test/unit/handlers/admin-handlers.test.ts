// The admin handlers called as functions: admission, If-Match and the store's answers come back
// as Replies, with no server. The same routes over HTTP: test/integration/admin.

import assert from 'node:assert/strict';
import { keyLookup } from '../../../shared/http/auth.ts';
import type { ReplyRoute } from '../../../shared/http/router.ts';
import { createMemoryStore } from '../../../shared/store/memory-store.ts';
import type { AdminDeps } from '../../../functions/admin/deps.ts';
import { documentRoutes } from '../../../functions/admin/document-routes.ts';
import { environmentRoutes } from '../../../functions/admin/environment-routes.ts';
import { aRequest, bodyOf, problemCode, replyOf } from '../../helpers/handler-calls.ts';

const EDITOR = 'sy_admin_unit-editor-key-000000';
const VIEWER = 'sy_admin_unit-viewer-key-000000';
const NOW = Date.parse('2026-03-10T12:00:00Z');
const flag = (extra: Record<string, unknown> = {}) => ({ key: 'beta', enabled: true, variants: { on: true, off: false }, offVariant: 'off', defaultVariant: 'off', ...extra });

function deps(): AdminDeps {
  const store = createMemoryStore(
    {
      environments: { dev: { flags: [flag()] } },
      keys: [
        { kind: 'admin', name: 'editor', role: 'editor', secret: EDITOR },
        { kind: 'admin', name: 'viewer', role: 'viewer', secret: VIEWER },
      ],
    },
    { now: () => NOW },
  );
  return { stores: store, keys: keyLookup(store.keys), consoleOrigins: [], now: () => NOW, storeDeadlineMs: 5000 };
}

const routeOf = (routes: readonly ReplyRoute[], method: string, path: string) => routes.find((r) => r.method === method && r.path === path)!;

describe('the admin handlers, called without HTTP', () => {
  let routes: ReplyRoute[];
  const flagRoute = (method: string) => routeOf(routes, method, '/v1/environments/:env/flags/:key');
  const params = { env: 'dev', key: 'beta' };
  beforeEach(() => {
    const fixture = deps();
    routes = [...environmentRoutes(fixture), ...documentRoutes(fixture)];
  });

  it('tells a key who it is', async () => {
    const answer = await replyOf(routeOf(routes, 'GET', '/v1/whoami'), aRequest({ path: '/v1/whoami', key: VIEWER }));
    assert.equal(answer.status, 200);
    const { keyId, ...who } = (await bodyOf(answer)) as { keyId: unknown };
    assert.deepEqual(who, { name: 'viewer', role: 'viewer', actor: 'viewer' });
    assert.equal(typeof keyId, 'string');
  });

  it('answers a read with the version as ETag', async () => {
    const answer = await replyOf(flagRoute('GET'), aRequest({ path: '/v1/environments/dev/flags/beta', key: VIEWER }), params);
    assert.equal(answer.status, 200);
    assert.equal(answer.headers?.ETag, '"1"');
  });

  it('returns 403 for a viewer\'s write, before anything else is read', async () => {
    const answer = await replyOf(flagRoute('PUT'), aRequest({ method: 'PUT', path: '/v1/environments/dev/flags/beta', key: VIEWER, body: { flag: flag() } }), params);
    assert.equal(problemCode(answer), 'FORBIDDEN');
  });

  it('returns 428 for a write without If-Match', async () => {
    const answer = await replyOf(flagRoute('PUT'), aRequest({ method: 'PUT', path: '/v1/environments/dev/flags/beta', key: EDITOR, body: { flag: flag() } }), params);
    assert.equal(answer.status, 428);
    assert.equal(problemCode(answer), 'PRECONDITION_REQUIRED');
  });

  it('returns 412 with the current version for a stale If-Match, and 200 with the next version for a current one', async () => {
    const put = (ifMatch: string) => replyOf(flagRoute('PUT'), aRequest({ method: 'PUT', path: '/v1/environments/dev/flags/beta', key: EDITOR, headers: { 'if-match': ifMatch }, body: { flag: flag({ enabled: false }) } }), params);
    const stale = await put('7');
    assert.equal(problemCode(stale), 'PRECONDITION_FAILED');
    assert.equal(stale.headers?.ETag, '"1"');
    const saved = await put('1');
    assert.equal(saved.status, 200);
    assert.equal(saved.headers?.ETag, '"2"');
  });

  it('returns a body that is not JSON as a 400 problem', async () => {
    const answer = await replyOf(flagRoute('PUT'), aRequest({ method: 'PUT', path: '/v1/environments/dev/flags/beta', key: EDITOR, headers: { 'if-match': '1' }, body: '{"flag":' }), params);
    assert.equal(problemCode(answer), 'MALFORMED_JSON');
  });
});
