// Contract of the import port: many documents in one transaction, all written or none, each with
// its own next version and history entry; the environment's version is the precondition. A
// document equal to the stored one is not written again, and a preview says what an import would
// change without writing.

import assert from 'node:assert/strict';
import { aFlag } from '../helpers/builders.ts';
import { admin, ENV, expectOk, withEnvironment, type Harness, type MakeHarness } from './harness.ts';

export function describeImports(name: string, make: MakeHarness): void {
  describe(`${name}: import`, () => {
    let h: Harness;
    beforeEach(async () => {
      h = await withEnvironment(make);
    });
    const envVersion = async () => (await h.stores.flags.version(ENV)) ?? -1;
    const segment = { key: 'beta', when: { attr: 'plan', op: 'eq', value: 'pro' } };

    it('writes every document, each at its next version with a history entry', async () => {
      expectOk(await h.stores.documents.flags.put(ENV, aFlag({ key: 'a' }), { ...admin, ifMatch: 0 }));
      const start = await envVersion();
      const result = expectOk(await h.stores.imports.importDocuments(ENV, {
        flags: [aFlag({ key: 'a', description: 'imported' }), aFlag({ key: 'b' })],
        segments: [segment],
        attributes: [{ name: 'plan', type: 'string' }],
      }, { ...admin, ifMatch: start }));
      assert.equal(result.environmentVersion, start + 4);
      assert.deepEqual(result.written.map((w) => `${w.kind}/${w.key}@${w.version}`), ['flags/a@2', 'flags/b@1', 'segments/beta@1', 'attributes/plan@1']);
      assert.deepEqual(result.unchanged, []);
      assert.equal(await envVersion(), start + 4);
      assert.equal(expectOk(await h.stores.documents.flags.get(ENV, 'a')).document.description, 'imported');
      assert.deepEqual(expectOk(await h.stores.documents.flags.history(ENV, 'a')).entries.map((e) => e.version), [2, 1]);
      assert.equal((await h.stores.documents.segments.atVersion(ENV, 'beta', 1))?.actor, 'alice');
      assert.equal((await h.stores.flags.snapshot(ENV))?.segments.length, 1);
    });

    it('skips documents equal to the stored ones: no new version, no history or audit entry, and says which', async () => {
      expectOk(await h.stores.documents.flags.put(ENV, aFlag({ key: 'a' }), { ...admin, ifMatch: 0 }));
      expectOk(await h.stores.documents.segments.put(ENV, segment, { ...admin, ifMatch: 0 }));
      const start = await envVersion();
      const audited = (await h.stores.audit.list({ environment: ENV })).entries.length;
      const result = expectOk(await h.stores.imports.importDocuments(ENV, { flags: [aFlag({ key: 'a' }), aFlag({ key: 'b' })], segments: [segment] }, { ...admin, ifMatch: start }));
      assert.deepEqual(result.written.map((w) => `${w.kind}/${w.key}@${w.version}`), ['flags/b@1']);
      assert.deepEqual(result.unchanged.map((w) => `${w.kind}/${w.key}@${w.version}`), ['flags/a@1', 'segments/beta@1']);
      assert.equal(result.environmentVersion, start + 1);
      assert.equal(await envVersion(), start + 1);
      assert.deepEqual(expectOk(await h.stores.documents.flags.history(ENV, 'a')).entries.map((e) => e.version), [1]);
      assert.deepEqual(expectOk(await h.stores.documents.segments.history(ENV, 'beta')).entries.map((e) => e.version), [1]);
      assert.equal((await h.stores.audit.list({ environment: ENV })).entries.length, audited + 1);
    });

    it('takes an exported document (with its version) as unchanged, and leaves the environment as it was when nothing changed', async () => {
      expectOk(await h.stores.documents.flags.put(ENV, aFlag({ key: 'a' }), { ...admin, ifMatch: 0 }));
      expectOk(await h.stores.documents.attributes.put(ENV, { name: 'plan', type: 'string' }, { ...admin, ifMatch: 0 }));
      const exported = expectOk(await h.stores.documents.flags.get(ENV, 'a')).document;
      const start = await envVersion();
      const result = expectOk(await h.stores.imports.importDocuments(ENV, { flags: [exported], attributes: [{ name: 'plan', type: 'string' }] }, { ...admin, ifMatch: start }));
      assert.deepEqual({ written: result.written, unchanged: result.unchanged.length, version: result.environmentVersion }, { written: [], unchanged: 2, version: start });
      assert.equal(await envVersion(), start);
    });

    it('previews an import: each document added, changed (with the diff) or unchanged, nothing written', async () => {
      expectOk(await h.stores.documents.flags.put(ENV, aFlag({ key: 'same' }), { ...admin, ifMatch: 0 }));
      expectOk(await h.stores.documents.flags.put(ENV, aFlag({ key: 'edited', description: 'old' }), { ...admin, ifMatch: 0 }));
      const start = await envVersion();
      const preview = expectOk(await h.stores.imports.previewImport(ENV, {
        flags: [aFlag({ key: 'same' }), aFlag({ key: 'edited', description: 'new' }), aFlag({ key: 'fresh' })],
      }, start));
      assert.equal(preview.environmentVersion, start);
      assert.deepEqual(preview.changes, [
        { kind: 'flags', key: 'same', change: 'unchanged', version: 1 },
        { kind: 'flags', key: 'edited', change: 'changed', version: 1, diff: [{ path: '/description', before: 'old', after: 'new' }] },
        { kind: 'flags', key: 'fresh', change: 'added' },
      ]);
      assert.equal(await envVersion(), start);
      assert.equal((await h.stores.documents.flags.get(ENV, 'fresh')).ok, false);
      assert.equal(expectOk(await h.stores.documents.flags.get(ENV, 'edited')).document.description, 'old');
    });

    it('previews against the current version when none is given, and answers a stale one with a conflict', async () => {
      const start = await envVersion();
      assert.equal(expectOk(await h.stores.imports.previewImport(ENV, { flags: [aFlag({ key: 'x' })] })).environmentVersion, start);
      assert.deepEqual(await h.stores.imports.previewImport(ENV, { flags: [aFlag({ key: 'x' })] }, start + 7), { ok: false, reason: 'conflict', currentVersion: start });
      assert.equal((await h.stores.imports.previewImport(ENV, { flags: [{ key: 'bad' }] })).ok, false);
      assert.deepEqual(await h.stores.imports.previewImport('nowhere', { flags: [aFlag({ key: 'x' })] }), { ok: false, reason: 'not_found' });
    });

    it('writes nothing when one document is invalid, and lists every problem at its path', async () => {
      const start = await envVersion();
      const result = await h.stores.imports.importDocuments(ENV, { flags: [aFlag({ key: 'ok' }), { key: 'bad' }, aFlag({ key: 'ok' })] }, { ...admin, ifMatch: start });
      assert.equal(result.ok, false);
      assert.equal(!result.ok && result.reason, 'invalid');
      const paths = !result.ok && result.reason === 'invalid' ? result.issues.map((i) => i.path) : [];
      assert.ok(paths.some((p) => p.startsWith('/flags/1/')), paths.join());
      assert.ok(paths.includes('/flags/2'), paths.join());
      assert.equal(await envVersion(), start);
      assert.equal((await h.stores.documents.flags.get(ENV, 'ok')).ok, false);
    });

    it('answers a stale environment version with a conflict and writes nothing', async () => {
      const start = await envVersion();
      expectOk(await h.stores.documents.flags.put(ENV, aFlag({ key: 'a' }), { ...admin, ifMatch: 0 }));
      const result = await h.stores.imports.importDocuments(ENV, { flags: [aFlag({ key: 'b' })] }, { ...admin, ifMatch: start });
      assert.deepEqual(result, { ok: false, reason: 'conflict', currentVersion: start + 1 });
      assert.equal((await h.stores.documents.flags.get(ENV, 'b')).ok, false);
    });

    it('takes hundreds of documents in one transaction (past the 500 writes Firestore once capped)', async () => {
      const start = await envVersion();
      const flags = Array.from({ length: 600 }, (_, i) => aFlag({ key: `bulk-${i}` }));
      const result = expectOk(await h.stores.imports.importDocuments(ENV, { flags }, { ...admin, ifMatch: start }));
      assert.equal(result.written.length, 600);
      assert.equal(await envVersion(), start + 600);
      assert.equal((await h.stores.flags.snapshot(ENV))?.flags.length, 600);
    });

    it('answers not found for an environment that does not exist', async () => {
      assert.deepEqual(await h.stores.imports.importDocuments('nowhere', { flags: [aFlag({ key: 'b' })] }, { ...admin, ifMatch: 1 }), { ok: false, reason: 'not_found' });
    });
  });
}
