// Every admin route x every key type (none, wrong, sdk, viewer, editor, admin) gives exactly the
// expected status: 401 without a valid key, 403 for SDK keys everywhere, and roles by need.

import assert from 'node:assert/strict';
import { KEYS, ENV, serveAdmin, type AdminServer, type KeyName } from './fixture.ts';

type Need = 'read' | 'write' | 'manage';
type Case = { readonly method: string; readonly path: string; readonly need: Need; readonly ok: number; readonly body?: unknown; readonly ifMatch?: number };

const E = `/v1/environments/${ENV}`;
const flag = { key: 'brand-new', enabled: true, variants: { on: true, off: false }, offVariant: 'off', defaultVariant: 'off' };
const segment = { key: 'brand-new', when: { attr: 'plan', op: 'eq', value: 'pro' } };
const attribute = { name: 'brand-new', type: 'string' };
const docs = {
  flags: { key: 'new-checkout', field: 'flag', create: flag },
  segments: { key: 'staff', field: 'segment', create: segment },
  attributes: { key: 'plan', field: 'attribute', create: attribute },
} as const;

const CASES: Case[] = [
  { method: 'GET', path: '/v1/whoami', need: 'read', ok: 200 },
  { method: 'GET', path: '/v1/environments', need: 'read', ok: 200 },
  { method: 'POST', path: '/v1/environments', need: 'manage', ok: 201, body: { key: 'staging' } },
  { method: 'GET', path: '/v1/keys', need: 'manage', ok: 200 },
  { method: 'POST', path: '/v1/keys', need: 'manage', ok: 201, body: { kind: 'sdk', environment: ENV, name: 'new' } },
  { method: 'POST', path: '/v1/keys/key-4/revoke', need: 'manage', ok: 200, body: {} },
  { method: 'POST', path: '/v1/keys/key-4/rotate', need: 'manage', ok: 201, body: { overlapSeconds: 60 } },
  { method: 'POST', path: `${E}/flags:bulk`, need: 'write', ok: 200, body: { action: 'disable', keys: ['new-checkout'] } },
  { method: 'GET', path: `${E}/export`, need: 'read', ok: 200 },
  { method: 'POST', path: `${E}/import`, need: 'write', ok: 200, ifMatch: 1, body: { flags: [flag] } },
  ...Object.entries(docs).flatMap(([kind, d]): Case[] => {
    const one = `${E}/${kind}/${d.key}`;
    return [
      { method: 'GET', path: `${E}/${kind}`, need: 'read', ok: 200 },
      { method: 'GET', path: one, need: 'read', ok: 200 },
      { method: 'PUT', path: `${E}/${kind}/brand-new`, need: 'write', ok: 201, ifMatch: 0, body: { [d.field]: d.create } },
      { method: 'PUT', path: one, need: 'write', ok: 200, ifMatch: 1, body: { [d.field]: kind === 'flags' ? { ...flag, key: d.key } : kind === 'segments' ? { ...segment, key: d.key } : { ...attribute, name: d.key } } },
      { method: 'DELETE', path: one, need: 'write', ok: 200, ifMatch: 1 },
      { method: 'GET', path: `${one}/versions`, need: 'read', ok: 200 },
      { method: 'GET', path: `${one}/versions/1`, need: 'read', ok: 200 },
      { method: 'GET', path: `${one}/diff?from=0&to=1`, need: 'read', ok: 200 },
      { method: 'POST', path: `${one}/rollback`, need: 'write', ok: 200, ifMatch: 1, body: { version: 1 } },
    ];
  }),
];

const KEY_NAMES: readonly KeyName[] = ['none', 'wrong', 'sdk', 'viewer', 'editor', 'admin'];
const ALLOWED: Record<Need, readonly KeyName[]> = { read: ['viewer', 'editor', 'admin'], write: ['editor', 'admin'], manage: ['admin'] };

function expected(c: Case, key: KeyName): number {
  if (key === 'none' || key === 'wrong') return 401;
  if (key === 'sdk') return 403;
  return ALLOWED[c.need].includes(key) ? c.ok : 403;
}

describe('admin: role matrix', () => {
  let server: AdminServer;
  let unauthorized: unknown;
  before(async () => {
    server = await serveAdmin();
    // evaluate's 401 body, for comparison: the same problem whatever the function.
    unauthorized = (await import('../../../shared/http/auth.ts')).UNAUTHORIZED;
  });
  after(() => server.close());

  it('covers every route of the admin function', () => {
    assert.ok(CASES.length >= 35, `${CASES.length} cases`);
    assert.ok(KEYS.wrong.length > 0);
  });

  for (const c of CASES) {
    for (const key of KEY_NAMES) {
      const want = expected(c, key);
      it(`${c.method} ${c.path} with ${key === 'none' ? 'no key' : `the ${key} key`} -> ${want}`, async () => {
        server.reset();
        const res = await server.call(c.method, c.path, { key, ...(c.body === undefined ? {} : { body: c.body }), ...(c.ifMatch === undefined ? {} : { ifMatch: c.ifMatch }) });
        const text = await res.text();
        assert.equal(res.status, want, text);
        if (want === 401) assert.deepEqual(JSON.parse(text), unauthorized);
        if (want === 403) assert.equal(JSON.parse(text).code, 'FORBIDDEN');
      });
    }
  }
});
