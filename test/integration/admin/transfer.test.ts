// Export, then import into an empty environment, reproduces identical evaluations of the demo
// flags over many contexts; an import is validated whole and written all or nothing; documents
// equal to the stored ones are not written again; `?dryRun=true` says what would change.

import assert from 'node:assert/strict';
import { compileFlag, evaluate, type Flag, type Segment } from '../../../shared/rules/index.ts';
import { ENV, NOW, serveAdmin, type AdminServer } from './fixture.ts';

type Change = { kind: string; key: string; change: 'added' | 'changed' | 'unchanged'; version?: number; diff?: { path: string; before?: unknown; after?: unknown }[] };
type Preview = { environment: string; dryRun: true; environmentVersion: number; summary: Record<Change['change'], number>; changes: Change[]; goldenFailures?: unknown[] };
type Export = { version: number; flags: Flag[]; segments: Segment[]; attributes: { name: string }[]; versions: { flags: Record<string, number> } };

function contexts(n: number) {
  const plans = ['free', 'pro', 'enterprise'];
  const countries = ['DE', 'US', 'FR', 'JP', 'BR'];
  return Array.from({ length: n }, (_, i) => ({
    targetingKey: `user-${i}`,
    plan: plans[i % 3],
    email: i % 7 === 0 ? `u${i}@acme.com` : `u${i}@example.com`,
    geo: { country: countries[i % 5] },
    appVersion: `${1 + (i % 3)}.${i % 10}.0`,
    seats: i % 50,
    roles: i % 4 === 0 ? ['admin'] : ['member'],
    company: i % 2 ? 'Acme' : 'Globex',
  }));
}

function evaluations(doc: Export) {
  const segments = Object.fromEntries(doc.segments.map((s) => [s.key, s]));
  const flags = Object.fromEntries(doc.flags.map((f) => [f.key, f]));
  return doc.flags.map((f) => {
    const compiled = compileFlag(f, { segments, flags });
    assert.ok(compiled.ok, f.key);
    return contexts(500).map((c) => {
      const e = evaluate(compiled.flag, c, { now: NOW });
      return e.reason === 'ERROR' ? `${f.key}:ERROR:${e.errorCode}` : `${f.key}:${e.variant}:${e.reason}`;
    });
  });
}

/** The stored description of a flag as a diff shows it: absent when the flag has none. */
function beforeOf(doc: Export, key: string): { before?: unknown } {
  const description = doc.flags.find((f) => f.key === key)?.description;
  return description === undefined ? {} : { before: description };
}

describe('admin: export and import', () => {
  let server: AdminServer;
  beforeEach(async () => {
    server = await serveAdmin();
  });
  afterEach(() => server.close());

  it('exports the whole environment with versions, and an import into an empty one evaluates identically', async () => {
    const exported = await server.call('GET', `/v1/environments/${ENV}/export`);
    assert.equal(exported.status, 200);
    const source = (await exported.json()) as Export;
    assert.equal(exported.headers.get('etag'), `"${source.version}"`);
    assert.ok(source.flags.length >= 10 && source.segments.length >= 2 && source.attributes.length >= 5);
    assert.equal(source.versions.flags['new-checkout'], 1);

    assert.equal((await server.call('POST', '/v1/environments', { body: { key: 'copy' } })).status, 201);
    const imported = await server.call('POST', '/v1/environments/copy/import', { ifMatch: 1, body: source });
    const result = (await imported.json()) as { environmentVersion: number; written: unknown[] };
    assert.equal(imported.status, 200, JSON.stringify(result));
    assert.equal(result.written.length, source.flags.length + source.segments.length + source.attributes.length);

    const copy = (await (await server.call('GET', '/v1/environments/copy/export')).json()) as Export;
    assert.deepEqual(copy.flags.map((f) => f.key), source.flags.map((f) => f.key));
    assert.deepEqual(evaluations(copy), evaluations(source));
    assert.deepEqual(copy.attributes, source.attributes);
  });

  it('lists every error at its path and writes nothing when any document is invalid', async () => {
    const before = (await (await server.call('GET', `/v1/environments/${ENV}/export`)).json()) as Export;
    const body = {
      flags: [
        { key: 'fine', enabled: true, variants: { on: true, off: false }, offVariant: 'off', defaultVariant: 'off' },
        { key: 'bad-variant', enabled: true, variants: { on: true }, offVariant: 'off', defaultVariant: 'on' },
        { key: 'bad-segment', enabled: true, variants: { on: true, off: false }, offVariant: 'off', defaultVariant: 'off', rules: [{ id: 'r', when: { segment: 'nope' }, serve: { variant: 'on' } }] },
      ],
      segments: [{ key: 'broken', when: { attr: 'plan', op: 'no-such-op', value: 1 } }],
    };
    const res = await server.call('POST', `/v1/environments/${ENV}/import`, { ifMatch: before.version, body });
    const problem = (await res.json()) as { code: string; errors: { path: string }[] };
    assert.equal(res.status, 422);
    assert.equal(problem.code, 'INVALID_DOCUMENT');
    const paths = problem.errors.map((e) => e.path);
    for (const prefix of ['/flags/1/', '/flags/2/', '/segments/0/']) assert.ok(paths.some((p) => p.startsWith(prefix)), `${prefix} in ${paths.join(', ')}`);
    const after = (await (await server.call('GET', `/v1/environments/${ENV}/export`)).json()) as Export;
    assert.equal(after.version, before.version);
    assert.equal((await server.call('GET', `/v1/environments/${ENV}/flags/fine`)).status, 404);
  });

  it('writes nothing when an export is imported back: every document unchanged, the version kept', async () => {
    const source = (await (await server.call('GET', `/v1/environments/${ENV}/export`)).json()) as Export;
    const res = await server.call('POST', `/v1/environments/${ENV}/import`, { ifMatch: source.version, body: source });
    const result = (await res.json()) as { environmentVersion: number; written: unknown[]; unchanged: unknown[] };
    assert.equal(res.status, 200, JSON.stringify(result));
    assert.deepEqual({ written: result.written.length, unchanged: result.unchanged.length, version: result.environmentVersion },
      { written: 0, unchanged: source.flags.length + source.segments.length + source.attributes.length, version: source.version });
    const history = (await (await server.call('GET', `/v1/environments/${ENV}/flags/new-checkout/versions`)).json()) as { versions: unknown[] };
    assert.equal(history.versions.length, 1);
  });

  it('previews with ?dryRun=true: each document added, changed with its diff, or unchanged, and writes nothing', async () => {
    const source = (await (await server.call('GET', `/v1/environments/${ENV}/export`)).json()) as Export;
    const edited = source.flags.map((f) => (f.key === 'new-checkout' ? { ...f, description: 'edited in the file' } : f));
    const fresh = { key: 'fresh', enabled: false, variants: { on: true, off: false }, offVariant: 'off', defaultVariant: 'off' };
    const res = await server.call('POST', `/v1/environments/${ENV}/import?dryRun=true`, { body: { ...source, flags: [...edited, fresh] } });
    const preview = (await res.json()) as Preview;
    assert.equal(res.status, 200, JSON.stringify(preview));
    assert.equal(res.headers.get('etag'), `"${source.version}"`);
    const total = source.flags.length + source.segments.length + source.attributes.length;
    assert.deepEqual({ dryRun: preview.dryRun, version: preview.environmentVersion, summary: preview.summary }, { dryRun: true, version: source.version, summary: { added: 1, changed: 1, unchanged: total - 1 } });
    const changed = preview.changes.find((c) => c.change === 'changed');
    assert.deepEqual(changed, { kind: 'flags', key: 'new-checkout', change: 'changed', version: 1, diff: [{ path: '/description', ...beforeOf(source, 'new-checkout'), after: 'edited in the file' }] });
    assert.deepEqual(preview.changes.find((c) => c.change === 'added'), { kind: 'flags', key: 'fresh', change: 'added' });
    const after = (await (await server.call('GET', `/v1/environments/${ENV}/export`)).json()) as Export;
    assert.equal(after.version, source.version);
    assert.equal((await server.call('GET', `/v1/environments/${ENV}/flags/fresh`)).status, 404);
  });

  it('lists golden tests that would fail in a dry run instead of refusing, as the import refuses them', async () => {
    const failing = { key: 'golden', enabled: true, variants: { on: true, off: false }, offVariant: 'off', defaultVariant: 'off', tests: [{ name: 'wants on', context: { targetingKey: 'u1' }, expect: { variant: 'on' } }] };
    const res = await server.call('POST', `/v1/environments/${ENV}/import?dryRun=true`, { body: { flags: [failing] } });
    const preview = (await res.json()) as Preview;
    assert.equal(res.status, 200, JSON.stringify(preview));
    assert.deepEqual(preview.changes, [{ kind: 'flags', key: 'golden', change: 'added' }]);
    assert.equal(preview.goldenFailures?.length, 1);
    assert.equal((await server.call('POST', `/v1/environments/${ENV}/import`, { ifMatch: preview.environmentVersion, body: { flags: [failing] } })).status, 422);
  });

  it('answers a dry run as the import would: 412 for a stale If-Match, 422 for invalid documents, 400 for a dryRun that is not true or false', async () => {
    const body = { flags: [{ key: 'fine', enabled: true, variants: { on: true, off: false }, offVariant: 'off', defaultVariant: 'off' }] };
    assert.equal((await server.call('POST', `/v1/environments/${ENV}/import?dryRun=true`, { ifMatch: 7, body })).status, 412);
    assert.equal((await server.call('POST', `/v1/environments/${ENV}/import?dryRun=true`, { body: { flags: [{ key: 'bad' }] } })).status, 422);
    const misspelt = await server.call('POST', `/v1/environments/${ENV}/import?dryRun=yes`, { ifMatch: 1, body });
    assert.equal(misspelt.status, 400);
    assert.equal(((await misspelt.json()) as { code: string }).code, 'INVALID_QUERY');
    assert.equal((await server.call('GET', `/v1/environments/${ENV}/flags/fine`)).status, 404);
    assert.equal((await server.call('POST', `/v1/environments/${ENV}/import?dryRun=false`, { body })).status, 428);
  });

  it('needs If-Match with the environment version: 428 without, 412 when stale', async () => {
    const body = { flags: [{ key: 'fine', enabled: true, variants: { on: true, off: false }, offVariant: 'off', defaultVariant: 'off' }] };
    assert.equal((await server.call('POST', `/v1/environments/${ENV}/import`, { body })).status, 428);
    const stale = await server.call('POST', `/v1/environments/${ENV}/import`, { ifMatch: 7, body });
    assert.equal(stale.status, 412);
    assert.equal(((await stale.json()) as { currentVersion: number }).currentVersion, 1);
    assert.equal(stale.headers.get('etag'), '"1"');
  });
});
