// Contract of the read port the evaluate, validate and preview functions use: the environment's
// version, the snapshot of what was written, the catalogue, and corrupt records reported, not served.

import assert from 'node:assert/strict';
import { aFlag } from '../helpers/builders.ts';
import { admin, ENV, envelope, expectOk, withEnvironment, type Harness, type MakeHarness } from './harness.ts';

export function describeFlagStore(name: string, make: MakeHarness): void {
  describe(`${name}: FlagStore`, () => {
    let h: Harness;
    beforeEach(async () => {
      h = await withEnvironment(make);
    });

    it('knows no version or snapshot of an unknown environment', async () => {
      assert.equal(await h.stores.flags.version('staging'), undefined);
      assert.equal(await h.stores.flags.snapshot('staging'), undefined);
      assert.deepEqual(await h.stores.flags.attributes('staging'), []);
    });

    it('returns in the snapshot exactly what was written, at the environment version', async () => {
      const a = expectOk(await h.stores.documents.flags.put(ENV, aFlag({ key: 'b', variants: { on: [[1, 2], [3]], off: { nested: [[]] } } }), { ...admin, ifMatch: 0 }));
      const b = expectOk(await h.stores.documents.flags.put(ENV, aFlag({ key: 'a', metadata: { __odd__: -1.5, '': 'empty key' } }), { ...admin, ifMatch: 0 }));
      const s = expectOk(await h.stores.documents.segments.put(ENV, { key: 'staff', when: { attr: 'email', op: 'ends_with', value: '@acme.com' } }, { ...admin, ifMatch: 0 }));
      const snapshot = await h.stores.flags.snapshot(ENV);
      assert.deepEqual(snapshot, { environment: ENV, version: b.environmentVersion + 1, flags: [b.document, a.document], segments: [s.document], corrupt: [] });
      assert.equal(await h.stores.flags.version(ENV), snapshot?.version);
    });

    it('reports corrupt documents with their id and skips them, serving the rest', async () => {
      expectOk(await h.stores.documents.flags.put(ENV, aFlag({ key: 'good' }), { ...admin, ifMatch: 0 }));
      await h.writeRaw({ kind: 'flags', environment: ENV, key: 'schema' }, envelope('schema', { ...aFlag({ key: 'schema' }), enabled: 'yes' }));
      await h.writeRaw({ kind: 'flags', environment: ENV, key: 'not-json' }, { ...envelope('not-json', {}), json: '{"key": ' });
      await h.writeRaw({ kind: 'flags', environment: ENV, key: 'garbage' }, { hello: 'world' });
      await h.writeRaw({ kind: 'segments', environment: ENV, key: 'seg' }, envelope('seg', { key: 'seg' }));
      await h.writeRaw({ kind: 'attributes', environment: ENV, key: 'bad' }, envelope('bad', { name: 'bad', type: 'colour' }));
      const snapshot = await h.stores.flags.snapshot(ENV);
      assert.deepEqual(snapshot?.flags.map((f) => f.key), ['good']);
      assert.deepEqual(snapshot?.segments, []);
      assert.deepEqual(snapshot?.corrupt.map((c) => c.id).sort(), ['flags/garbage', 'flags/not-json', 'flags/schema', 'segments/seg']);
      assert.ok(snapshot?.corrupt.every((c) => c.problem.length > 0));
      const listing = expectOk(await h.stores.documents.flags.list(ENV));
      assert.deepEqual(listing.items.map((i) => i.key), ['good']);
      assert.equal(listing.corrupt.length, 3);
      assert.deepEqual(await h.stores.flags.attributes(ENV), []);
      const got = await h.stores.documents.flags.get(ENV, 'schema');
      assert.ok(!got.ok && got.reason === 'corrupt' && got.id === 'flags/schema' && got.version === 1);
    });

    it('lets a corrupt document be repaired at its readable version', async () => {
      await h.writeRaw({ kind: 'flags', environment: ENV, key: 'x' }, envelope('x', { key: 'x' }, 4));
      assert.deepEqual(await h.stores.documents.flags.put(ENV, aFlag({ key: 'x' }), { ...admin, ifMatch: 0 }), { ok: false, reason: 'conflict', currentVersion: 4 });
      const fixed = expectOk(await h.stores.documents.flags.put(ENV, aFlag({ key: 'x' }), { ...admin, ifMatch: 4 }));
      assert.equal(fixed.version, 5);
      assert.deepEqual((await h.stores.flags.snapshot(ENV))?.corrupt, []);
    });
  });
}
