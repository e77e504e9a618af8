// Contract of the environment store: create once at version 1, list, refuse duplicates and bad keys.

import assert from 'node:assert/strict';
import { admin, expectOk, testClock, type MakeHarness } from './harness.ts';

export function describeEnvironments(name: string, make: MakeHarness): void {
  describe(`${name}: environments`, () => {
    it('creates environments at version 1, lists them by key, and refuses a duplicate', async () => {
      const h = await make(testClock());
      assert.deepEqual(await h.stores.environments.list(), []);
      const created = expectOk(await h.stores.environments.create({ key: 'prod', name: 'Production', description: 'live' }, admin));
      assert.deepEqual(created.environment, { key: 'prod', name: 'Production', description: 'live', version: 1, createdAt: '2026-03-10T12:00:00.000Z', createdBy: 'alice' });
      expectOk(await h.stores.environments.create({ key: 'dev' }, admin));
      assert.deepEqual((await h.stores.environments.list()).map((e) => [e.key, e.name]), [['dev', 'dev'], ['prod', 'Production']]);
      assert.deepEqual(await h.stores.environments.create({ key: 'prod' }, admin), { ok: false, reason: 'conflict', currentVersion: 1 });
      assert.equal(await h.stores.flags.version('prod'), 1);
      assert.deepEqual(await h.stores.flags.snapshot('dev'), { environment: 'dev', version: 1, flags: [], segments: [], corrupt: [] });
    });

    it('refuses an environment key that is not a plain slug', async () => {
      const h = await make(testClock());
      const bad = await h.stores.environments.create({ key: 'Prod/EU' }, admin);
      assert.ok(!bad.ok && bad.reason === 'invalid' && bad.issues[0]?.path === '/key');
      assert.deepEqual(await h.stores.environments.list(), []);
    });
  });
}
