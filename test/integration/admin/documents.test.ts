// Flags, segments and attributes through the admin API: If-Match on every write (428, 412 with
// the current version), validation at body paths, actor and comment in history, list filters,
// history, diff and rollback.

import assert from 'node:assert/strict';
import { CONSOLE_ORIGIN, ENV, flagPath, serveAdmin, type AdminServer } from './fixture.ts';

const E = `/v1/environments/${ENV}`;
const aFlag = (key: string, extra: Record<string, unknown> = {}) => ({ key, enabled: true, variants: { on: true, off: false }, offVariant: 'off', defaultVariant: 'off', ...extra });
const json = async <T = Record<string, unknown>>(res: Response) => (await res.json()) as T;

describe('admin: documents', () => {
  let server: AdminServer;
  beforeEach(async () => {
    server = await serveAdmin();
  });
  afterEach(() => server.close());

  it('creates with If-Match: 0 (201, ETag "1"), updates with the version read, and deletes', async () => {
    const created = await server.call('PUT', flagPath('fresh'), { ifMatch: 0, body: { flag: aFlag('fresh') } });
    assert.equal(created.status, 201);
    assert.equal(created.headers.get('etag'), '"1"');
    const updated = await server.call('PUT', flagPath('fresh'), { ifMatch: '"1"', body: { flag: aFlag('fresh', { enabled: false }) } });
    assert.equal(updated.status, 200);
    assert.equal(updated.headers.get('etag'), '"2"');
    const got = await server.call('GET', flagPath('fresh'));
    assert.equal(got.headers.get('etag'), '"2"');
    assert.equal((await json<{ document: { enabled: boolean } }>(got)).document.enabled, false);
    assert.equal((await server.call('DELETE', flagPath('fresh'), { ifMatch: 1 })).status, 412);
    const deleted = await server.call('DELETE', flagPath('fresh'), { ifMatch: 2 });
    assert.equal(deleted.status, 200);
    assert.equal((await server.call('GET', flagPath('fresh'))).status, 404);
  });

  it('refuses a write without If-Match (428) and a stale one (412 with the current version)', async () => {
    const missing = await server.call('PUT', flagPath('new-checkout'), { body: { flag: aFlag('new-checkout') } });
    assert.equal(missing.status, 428);
    assert.equal((await json(missing)).code, 'PRECONDITION_REQUIRED');
    assert.equal((await server.call('DELETE', flagPath('new-checkout'))).status, 428);
    const stale = await server.call('PUT', flagPath('new-checkout'), { ifMatch: 5, body: { flag: aFlag('new-checkout') } });
    assert.equal(stale.status, 412);
    assert.equal(stale.headers.get('etag'), '"1"');
    assert.equal((await json(stale)).currentVersion, 1);
    const exists = await server.call('PUT', flagPath('new-checkout'), { ifMatch: 0, body: { flag: aFlag('new-checkout') } });
    assert.equal(exists.status, 412);
  });

  it('answers 422 INVALID_FLAG with every error at its path under /flag', async () => {
    const flag = aFlag('broken', { defaultVariant: 'nope', rules: [{ id: 'r', when: { segment: 'missing' }, serve: { variant: 'on' } }] });
    const res = await server.call('PUT', flagPath('broken'), { ifMatch: 0, body: { flag } });
    assert.equal(res.status, 422);
    const problem = await json<{ code: string; errors: { path: string; code: string }[] }>(res);
    assert.equal(problem.code, 'INVALID_FLAG');
    const paths = problem.errors.map((e) => e.path);
    assert.ok(paths.includes('/flag/defaultVariant'), paths.join());
    assert.ok(paths.some((p) => p.startsWith('/flag/rules/0/when')), paths.join());
    const mismatch = await server.call('PUT', flagPath('other'), { ifMatch: 0, body: { flag: aFlag('broken') } });
    assert.equal(mismatch.status, 422);
    assert.equal((await json<{ errors: { path: string }[] }>(mismatch)).errors[0]?.path, '/flag/key');
  });

  it('records the actor (the key\'s name, never a plain identity header anyone can send), the key id, the comment and the request id in history', async () => {
    await server.call('PUT', flagPath('who'), { ifMatch: 0, headers: { 'x-goog-authenticated-user-email': 'accounts.google.com:alice@example.com', 'x-request-id': 'req-7' }, body: { flag: aFlag('who'), comment: 'first' } });
    await server.call('PUT', flagPath('who'), { ifMatch: 1, headers: { 'x-change-comment': 'second' }, body: { flag: aFlag('who', { enabled: false }) } });
    const history = await json<{ versions: { version: number; actor: string; comment?: string; requestId?: string }[] }>(await server.call('GET', `${flagPath('who')}/versions`));
    assert.deepEqual(history.versions.map((v) => [v.version, v.actor, v.comment]), [[2, 'admin key', 'second'], [1, 'admin key', 'first']], 'the forged X-Goog-Authenticated-User-Email is ignored');
    assert.ok(history.versions.every((v) => (v as { keyId?: string }).keyId === 'key-1'), 'the key id beside the actor');
    assert.equal(history.versions[1]?.requestId, 'req-7');
  });

  it('lists with tag, enabled and q filters', async () => {
    const keys = async (query: string) => (await json<{ items: { key: string }[] }>(await server.call('GET', `${E}/flags${query}`))).items.map((i) => i.key);
    assert.ok((await keys('')).length >= 10);
    assert.deepEqual(await keys('?tag=checkout'), ['new-checkout']);
    const [on, off] = [await keys('?enabled=true'), await keys('?enabled=false')];
    assert.ok(on.length > 0 && off.length > 0);
    assert.deepEqual([...on, ...off].sort(), (await keys('')).sort());
    assert.deepEqual(await keys('?q=CHECKOUT'), ['new-checkout']);
    assert.equal((await server.call('GET', `${E}/flags?enabled=maybe`)).status, 400);
    assert.equal((await server.call('GET', '/v1/environments/nowhere/flags')).status, 404);
  });

  it('writes segments and attributes with If-Match and validation', async () => {
    const seg = await server.call('PUT', `${E}/segments/pros`, { ifMatch: 0, body: { segment: { key: 'pros', when: { attr: 'plan', op: 'eq', value: 'pro' } } } });
    assert.equal(seg.status, 201);
    const badSeg = await server.call('PUT', `${E}/segments/loop`, { ifMatch: 0, body: { segment: { key: 'loop', when: { segment: 'loop' } } } });
    assert.equal(badSeg.status, 422);
    assert.ok((await json<{ errors: { path: string }[] }>(badSeg)).errors.every((e) => e.path.startsWith('/segment')));
    const attr = await server.call('PUT', `${E}/attributes/tier`, { ifMatch: 0, body: { attribute: { name: 'tier', type: 'string', allowedValues: ['a', 'b'] } } });
    assert.equal(attr.status, 201);
    const badAttr = await server.call('PUT', `${E}/attributes/tier`, { ifMatch: 1, body: { attribute: { name: 'tier', type: 'colour' } } });
    assert.equal(badAttr.status, 422);
    assert.equal((await json<{ errors: { path: string }[] }>(badAttr)).errors[0]?.path, '/attribute/type');
  });

  it('shows one version, a readable diff between any two, and rolls back as a new version', async () => {
    const v1 = (await json<{ document: Record<string, unknown> }>(await server.call('GET', flagPath('new-checkout')))).document;
    const { version: _, ...doc } = v1;
    await server.call('PUT', flagPath('new-checkout'), { ifMatch: 1, body: { flag: { ...doc, enabled: false, description: 'paused', owner: undefined, tags: ['checkout'] } } });
    const diff = await json<{ changes: { op: string; path: string; before?: unknown; after?: unknown }[] }>(await server.call('GET', `${flagPath('new-checkout')}/diff?from=1&to=2`));
    const byPath = Object.fromEntries(diff.changes.map((c) => [c.path, c]));
    assert.deepEqual(byPath['/enabled'], { op: 'changed', path: '/enabled', before: true, after: false });
    assert.equal(byPath['/owner']?.op, 'removed');
    assert.equal(byPath['/tags/1']?.op, 'removed');
    const created = await json<{ changes: { op: string }[] }>(await server.call('GET', `${flagPath('new-checkout')}/diff?from=0&to=1`));
    assert.ok(created.changes.every((c) => c.op === 'added'));
    assert.equal((await server.call('GET', `${flagPath('new-checkout')}/versions/2`)).status, 200);
    assert.equal((await server.call('GET', `${flagPath('new-checkout')}/versions/9`)).status, 404);

    assert.equal((await server.call('POST', `${flagPath('new-checkout')}/rollback`, { body: { version: 1 } })).status, 428);
    const rolled = await server.call('POST', `${flagPath('new-checkout')}/rollback`, { ifMatch: 2, body: { version: 1 } });
    assert.equal(rolled.status, 200);
    assert.equal(rolled.headers.get('etag'), '"3"');
    const back = await json<{ document: Record<string, unknown> }>(await server.call('GET', flagPath('new-checkout')));
    assert.deepEqual({ ...back.document, version: 1 }, { ...v1, version: 1 });
    const history = await json<{ versions: { version: number; comment?: string }[] }>(await server.call('GET', `${flagPath('new-checkout')}/versions`));
    assert.deepEqual(history.versions.map((v) => v.version), [3, 2, 1]);
    assert.equal(history.versions[0]?.comment, 'rollback to version 1');
  });

  it('answers the console origin with CORS headers that expose ETag', async () => {
    const res = await server.call('GET', flagPath('new-checkout'), { headers: { origin: CONSOLE_ORIGIN } });
    assert.equal(res.headers.get('access-control-allow-origin'), CONSOLE_ORIGIN);
    assert.match(res.headers.get('access-control-expose-headers') ?? '', /ETag/);
    const other = await server.call('GET', flagPath('new-checkout'), { headers: { origin: 'https://evil.example' } });
    assert.equal(other.headers.get('access-control-allow-origin'), null);
  });
});
