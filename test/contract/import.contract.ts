// Contract of the import port: many documents in one transaction, all written or none, each with
// its own next version and history entry; the environment's version is the precondition.

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
      assert.equal(await envVersion(), start + 4);
      assert.equal(expectOk(await h.stores.documents.flags.get(ENV, 'a')).document.description, 'imported');
      assert.deepEqual(expectOk(await h.stores.documents.flags.history(ENV, 'a')).entries.map((e) => e.version), [2, 1]);
      assert.equal((await h.stores.documents.segments.atVersion(ENV, 'beta', 1))?.actor, 'alice');
      assert.equal((await h.stores.flags.snapshot(ENV))?.segments.length, 1);
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
