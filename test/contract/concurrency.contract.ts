// Contract under contention: parallel read-modify-write writers on one flag through the port,
// retrying on conflict, lose no update, and every success is in history and in the audit log.

import assert from 'node:assert/strict';
import { aFlag } from '../helpers/builders.ts';
import { ENV, expectOk, withEnvironment, type MakeHarness } from './harness.ts';

export type Contention = { readonly writers: number; readonly rounds: number; readonly timeoutMs: number };

export function describeConcurrentWrites(name: string, make: MakeHarness, { writers, rounds, timeoutMs }: Contention): void {
  describe(`${name}: concurrent writers`, function () {
    this.timeout(timeoutMs);

    it(`${writers} writers x ${rounds} rounds on one flag lose no update`, async () => {
      const h = await withEnvironment(make);
      const flags = h.stores.documents.flags;
      expectOk(await flags.put(ENV, aFlag({ key: 'hot', description: 'start' }), { actor: 'setup', ifMatch: 0 }));
      const startEnv = (await h.stores.flags.version(ENV)) ?? 0;
      let attempts = 0;
      let conflicts = 0;
      const successes = new Map<number, string>();
      const writer = async (w: number) => {
        for (let r = 0; r < rounds; r += 1) {
          const description = `w${w}-r${r}`;
          for (;;) {
            const current = expectOk(await flags.get(ENV, 'hot'));
            attempts += 1;
            const put = await flags.put(ENV, { ...current.document, description }, { actor: `writer-${w}`, requestId: description, ifMatch: current.version });
            if (put.ok) {
              successes.set(put.version, description);
              break;
            }
            assert.equal(put.reason, 'conflict');
            conflicts += 1;
          }
        }
      };
      await Promise.all(Array.from({ length: writers }, (_, w) => writer(w)));

      assert.equal(successes.size, writers * rounds);
      assert.equal(successes.size + conflicts, attempts);
      const final = expectOk(await flags.get(ENV, 'hot'));
      assert.equal(final.version, 1 + successes.size);
      assert.equal(await h.stores.flags.version(ENV), startEnv + successes.size);
      const history = expectOk(await flags.history(ENV, 'hot')).entries;
      assert.deepEqual(history.map((e) => e.version), Array.from({ length: 1 + successes.size }, (_, i) => successes.size + 1 - i));
      for (const [version, description] of successes) {
        const entry = history.find((e) => e.version === version);
        assert.equal(entry?.document?.description, description, `version ${version}`);
        assert.equal(entry?.requestId, description);
      }
      const audited = (await h.stores.audit.list({ environment: ENV })).entries.filter((e) => e.target.key === 'hot' && e.action === 'update');
      assert.deepEqual(audited.map((e) => e.requestId).sort(), [...successes.values()].sort());
    });
  });
}
