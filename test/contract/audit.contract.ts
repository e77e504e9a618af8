// Contract of the audit log: one entry per accepted write, written with it, never updated, listed
// newest first by environment and time.

import assert from 'node:assert/strict';
import { aFlag } from '../helpers/builders.ts';
import { admin, ENV, expectOk, withEnvironment, type Harness, type MakeHarness } from './harness.ts';

export function describeAuditLog(name: string, make: MakeHarness): void {
  describe(`${name}: audit log`, () => {
    let h: Harness;
    beforeEach(async () => {
      h = await withEnvironment(make);
    });

    it('appends one entry per accepted write with actor, time, diff, comment and request id', async () => {
      h.clock.advance(1000);
      expectOk(await h.stores.documents.flags.put(ENV, aFlag({ key: 'a' }), { ...admin, ifMatch: 0 }));
      h.clock.advance(1000);
      expectOk(await h.stores.documents.flags.put(ENV, aFlag({ key: 'a', enabled: false }), { actor: 'bob', ifMatch: 1 }));
      await h.stores.documents.flags.put(ENV, aFlag({ key: 'a' }), { ...admin, ifMatch: 1 });
      await h.stores.documents.flags.put(ENV, { key: 'broken' }, { ...admin, ifMatch: 0 });
      const { entries, corrupt } = await h.stores.audit.list({ environment: ENV });
      assert.deepEqual(corrupt, []);
      assert.deepEqual(entries.map((e) => [e.action, e.target.kind, e.target.key, e.version, e.environmentVersion]), [
        ['update', 'flags', 'a', 2, 3],
        ['create', 'flags', 'a', 1, 2],
        ['create', 'environments', ENV, 1, 1],
      ]);
      const [update, create] = entries;
      assert.equal(update?.actor, 'bob');
      assert.equal(update?.at, '2026-03-10T12:00:02.000Z');
      assert.deepEqual(update?.diff, [{ path: '/enabled', before: true, after: false }]);
      assert.equal(update?.comment, undefined);
      assert.equal(create?.comment, 'because');
      assert.equal(create?.requestId, 'req-1');
      assert.equal(typeof create?.id, 'string');
    });

    it('never updates an entry once written', async () => {
      expectOk(await h.stores.documents.flags.put(ENV, aFlag({ key: 'a' }), { ...admin, ifMatch: 0 }));
      const first = (await h.stores.audit.list()).entries;
      expectOk(await h.stores.documents.flags.put(ENV, aFlag({ key: 'a', enabled: false }), { ...admin, ifMatch: 1 }));
      expectOk(await h.stores.documents.flags.remove(ENV, 'a', { ...admin, ifMatch: 2 }));
      const later = (await h.stores.audit.list()).entries;
      assert.equal(later.length, first.length + 2);
      assert.deepEqual(later.slice(2), first);
      assert.equal(later[0]?.action, 'delete');
    });

    it('lists by environment, time range (since inclusive, until exclusive) and limit', async () => {
      expectOk(await h.stores.environments.create({ key: 'staging' }, admin));
      const times: string[] = [];
      for (let i = 0; i < 3; i += 1) {
        h.clock.advance(60_000);
        times.push(new Date(h.clock.now()).toISOString());
        expectOk(await h.stores.documents.flags.put(ENV, aFlag({ key: `f${i}` }), { ...admin, ifMatch: 0 }));
        expectOk(await h.stores.documents.flags.put('staging', aFlag({ key: `f${i}` }), { ...admin, ifMatch: 0 }));
      }
      const keys = async (query: Parameters<Harness['stores']['audit']['list']>[0]) => (await h.stores.audit.list(query)).entries.map((e) => `${e.environment}:${e.target.key}`);
      assert.deepEqual(await keys({ environment: 'staging', since: times[1] }), ['staging:f2', 'staging:f1']);
      assert.deepEqual(await keys({ environment: ENV, since: times[0], until: times[2] }), ['prod:f1', 'prod:f0']);
      assert.deepEqual(await keys({ environment: ENV, limit: 2 }), ['prod:f2', 'prod:f1']);
      assert.equal((await h.stores.audit.list()).entries.length, 2 + 6);
    });
  });
}
