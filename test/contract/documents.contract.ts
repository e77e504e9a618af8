// Contract of the document repositories (flags, segments, attributes): versions, optimistic
// concurrency, history 1:1 with versions, listing filters, deletes.

import assert from 'node:assert/strict';
import { aFlag } from '../helpers/builders.ts';
import { admin, ENV, expectOk, withEnvironment, type Harness, type MakeHarness } from './harness.ts';

export function describeDocuments(name: string, make: MakeHarness): void {
  describe(`${name}: documents`, () => {
    let h: Harness;
    beforeEach(async () => {
      h = await withEnvironment(make);
    });
    const flags = () => h.stores.documents.flags;
    const envVersion = async () => h.stores.flags.version(ENV);

    it('creates a document at version 1 with ifMatch 0 and reads it back', async () => {
      const put = expectOk(await flags().put(ENV, aFlag({ key: 'a', name: 'Alpha' }), { ...admin, ifMatch: 0 }));
      assert.equal(put.version, 1);
      assert.deepEqual(put.document, { ...aFlag({ key: 'a', name: 'Alpha' }), version: 1 });
      const got = expectOk(await flags().get(ENV, 'a'));
      assert.deepEqual(got.document, put.document);
      assert.equal(got.updatedBy, 'alice');
      assert.equal(got.updatedAt, '2026-03-10T12:00:00.000Z');
    });

    it('increases the version by one per write and bumps the environment version with each', async () => {
      const start = await envVersion();
      for (let v = 0; v < 4; v += 1) {
        const put = expectOk(await flags().put(ENV, aFlag({ key: 'a', description: `v${v}` }), { ...admin, ifMatch: v }));
        assert.equal(put.version, v + 1);
        assert.equal(put.environmentVersion, (start ?? 0) + v + 1);
      }
      assert.equal(await envVersion(), (start ?? 0) + 4);
    });

    it('answers a stale ifMatch with a conflict carrying the current version, and writes nothing', async () => {
      expectOk(await flags().put(ENV, aFlag({ key: 'a' }), { ...admin, ifMatch: 0 }));
      expectOk(await flags().put(ENV, aFlag({ key: 'a', description: 'second' }), { ...admin, ifMatch: 1 }));
      const before = { env: await envVersion(), audit: (await h.stores.audit.list()).entries.length };
      assert.deepEqual(await flags().put(ENV, aFlag({ key: 'a', description: 'lost' }), { ...admin, ifMatch: 1 }), { ok: false, reason: 'conflict', currentVersion: 2 });
      assert.deepEqual(await flags().put(ENV, aFlag({ key: 'a' }), { ...admin, ifMatch: 0 }), { ok: false, reason: 'conflict', currentVersion: 2 });
      assert.deepEqual(await flags().remove(ENV, 'a', { ...admin, ifMatch: 7 }), { ok: false, reason: 'conflict', currentVersion: 2 });
      assert.equal(expectOk(await flags().get(ENV, 'a')).document.description, 'second');
      assert.equal(expectOk(await flags().history(ENV, 'a')).entries.length, 2);
      assert.deepEqual({ env: await envVersion(), audit: (await h.stores.audit.list()).entries.length }, before);
    });

    it('answers not_found for a missing document or environment', async () => {
      assert.deepEqual(await flags().get(ENV, 'nope'), { ok: false, reason: 'not_found' });
      assert.deepEqual(await flags().put(ENV, aFlag({ key: 'nope' }), { ...admin, ifMatch: 3 }), { ok: false, reason: 'not_found' });
      assert.deepEqual(await flags().remove(ENV, 'nope', { ...admin, ifMatch: 1 }), { ok: false, reason: 'not_found' });
      assert.deepEqual(await flags().put('staging', aFlag({ key: 'a' }), { ...admin, ifMatch: 0 }), { ok: false, reason: 'not_found' });
      assert.deepEqual(await flags().list('staging'), { ok: false, reason: 'not_found' });
      assert.deepEqual(await flags().history(ENV, 'nope'), { ok: false, reason: 'not_found' });
      assert.equal(await flags().atVersion(ENV, 'nope', 1), undefined);
    });

    it('refuses an invalid document or ifMatch on the way in, with JSON paths, and writes nothing', async () => {
      const bad = await flags().put(ENV, { ...aFlag({ key: 'a' }), enabled: 'yes' }, { ...admin, ifMatch: 0 });
      assert.equal(bad.ok, false);
      assert.equal(!bad.ok && bad.reason, 'invalid');
      assert.ok(!bad.ok && bad.reason === 'invalid' && bad.issues.some((i) => i.path === '/enabled'));
      const noVersion = await flags().put(ENV, aFlag({ key: 'a' }), { ...admin, ifMatch: -1 });
      assert.ok(!noVersion.ok && noVersion.reason === 'invalid' && noVersion.issues[0]?.path === '/ifMatch');
      assert.deepEqual(await flags().get(ENV, 'a'), { ok: false, reason: 'not_found' });
      assert.equal(await envVersion(), 1);
    });

    it('deletes with ifMatch; a re-creation continues the version sequence', async () => {
      expectOk(await flags().put(ENV, aFlag({ key: 'a' }), { ...admin, ifMatch: 0 }));
      const removed = expectOk(await flags().remove(ENV, 'a', { ...admin, ifMatch: 1 }));
      assert.equal(removed.version, 2);
      assert.deepEqual(await flags().get(ENV, 'a'), { ok: false, reason: 'not_found' });
      assert.deepEqual(await flags().remove(ENV, 'a', { ...admin, ifMatch: 2 }), { ok: false, reason: 'not_found' });
      assert.equal(expectOk(await flags().list(ENV)).items.length, 0);
      const again = expectOk(await flags().put(ENV, aFlag({ key: 'a' }), { ...admin, ifMatch: 0 }));
      assert.equal(again.version, 3);
      const history = expectOk(await flags().history(ENV, 'a')).entries;
      assert.deepEqual(history.map((e) => [e.version, e.change]), [[3, 'create'], [2, 'delete'], [1, 'create']]);
      assert.equal(history[1]?.document, null);
    });

    it('keeps history 1:1 with versions: full document, actor, time, comment, request id and diff', async () => {
      expectOk(await flags().put(ENV, aFlag({ key: 'a' }), { ...admin, ifMatch: 0 }));
      h.clock.advance(60_000);
      expectOk(await flags().put(ENV, aFlag({ key: 'a', enabled: false }), { actor: 'bob', comment: 'off', requestId: 'req-2', ifMatch: 1 }));
      const { entries, corrupt } = expectOk(await flags().history(ENV, 'a'));
      assert.deepEqual(corrupt, []);
      assert.deepEqual(entries.map((e) => e.version), [2, 1]);
      const [second, first] = entries;
      assert.deepEqual(second, {
        key: 'a', version: 2, change: 'update', document: { ...aFlag({ key: 'a', enabled: false }), version: 2 },
        actor: 'bob', at: '2026-03-10T12:01:00.000Z', comment: 'off', requestId: 'req-2', diff: [{ path: '/enabled', before: true, after: false }],
      });
      assert.equal(first?.change, 'create');
      assert.deepEqual(first?.diff, [{ path: '', after: aFlag({ key: 'a' }) }]);
      assert.deepEqual(await flags().atVersion(ENV, 'a', 1), first);
      assert.equal(await flags().atVersion(ENV, 'a', 3), undefined);
    });

    it('pages history newest first with limit and before', async () => {
      for (let v = 0; v < 5; v += 1) expectOk(await flags().put(ENV, aFlag({ key: 'a', description: `d${v}` }), { ...admin, ifMatch: v }));
      const page = expectOk(await flags().history(ENV, 'a', { limit: 2 }));
      assert.deepEqual(page.entries.map((e) => e.version), [5, 4]);
      const next = expectOk(await flags().history(ENV, 'a', { limit: 2, before: 4 }));
      assert.deepEqual(next.entries.map((e) => e.version), [3, 2]);
    });

    it('lists by key with tag, enabled and text filters', async () => {
      const docs = [
        aFlag({ key: 'checkout', name: 'New checkout', tags: ['payments'], enabled: true }),
        aFlag({ key: 'banner', name: 'Holiday banner', tags: ['marketing'], enabled: false }),
        aFlag({ key: 'pay-later', name: 'Pay later', tags: ['payments', 'beta'], enabled: false }),
      ];
      for (const doc of docs) expectOk(await flags().put(ENV, doc, { ...admin, ifMatch: 0 }));
      const keys = async (filter?: Parameters<ReturnType<typeof flags>['list']>[1]) => expectOk(await flags().list(ENV, filter)).items.map((i) => i.key);
      assert.deepEqual(await keys(), ['banner', 'checkout', 'pay-later']);
      assert.deepEqual(await keys({ tag: 'payments' }), ['checkout', 'pay-later']);
      assert.deepEqual(await keys({ enabled: false }), ['banner', 'pay-later']);
      assert.deepEqual(await keys({ tag: 'payments', enabled: false }), ['pay-later']);
      assert.deepEqual(await keys({ text: 'CHECK' }), ['checkout']);
      assert.deepEqual(await keys({ text: 'holiday' }), ['banner']);
      assert.deepEqual(await keys({ text: 'zzz' }), []);
      const item = expectOk(await flags().list(ENV, { text: 'banner' })).items[0];
      assert.equal(item?.version, 1);
      assert.equal(item?.document.name, 'Holiday banner');
    });

    it('writes segments and attribute definitions with the same versioning', async () => {
      const segment = { key: 'staff', name: 'Staff', when: { attr: 'email', op: 'ends_with', value: '@acme.com' } };
      expectOk(await h.stores.documents.segments.put(ENV, segment, { ...admin, ifMatch: 0 }));
      const s2 = expectOk(await h.stores.documents.segments.put(ENV, { ...segment, name: 'Employees' }, { ...admin, ifMatch: 1 }));
      assert.deepEqual(s2.document, { ...segment, name: 'Employees', version: 2 });
      assert.deepEqual(expectOk(await h.stores.documents.segments.list(ENV, { text: 'employ' })).items.map((i) => i.key), ['staff']);
      const attrs = h.stores.documents.attributes;
      const plan = { name: 'plan', type: 'string', allowedValues: ['free', 'pro'] };
      const a1 = expectOk(await attrs.put(ENV, plan, { ...admin, ifMatch: 0 }));
      assert.deepEqual(a1.document, plan);
      expectOk(await attrs.put(ENV, { name: 'geo.country', type: 'string' }, { ...admin, ifMatch: 0 }));
      const a2 = expectOk(await attrs.put(ENV, { ...plan, allowedValues: ['free', 'pro', 'enterprise'] }, { ...admin, ifMatch: 1 }));
      assert.equal(a2.version, 2);
      assert.deepEqual(await attrs.put(ENV, plan, { ...admin, ifMatch: 1 }), { ok: false, reason: 'conflict', currentVersion: 2 });
      assert.deepEqual((await h.stores.flags.attributes(ENV)).map((a) => a.name), ['geo.country', 'plan']);
      expectOk(await attrs.remove(ENV, 'geo.country', { ...admin, ifMatch: 1 }));
      assert.deepEqual((await h.stores.flags.attributes(ENV)).map((a) => a.name), ['plan']);
      assert.equal(await envVersion(), 1 + 6);
    });
  });
}
