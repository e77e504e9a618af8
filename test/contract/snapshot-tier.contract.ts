// The snapshot tier's contract (shared/cache/snapshot-tier.ts), run against the in-memory tier and
// against Redis through the real @upstash/redis client.

import assert from 'node:assert/strict';
import type { SnapshotTier } from '../../shared/cache/snapshot-tier.ts';
import type { Snapshot } from '../../shared/store/ports.ts';
import type { Flag } from '../../shared/rules/index.ts';

const flag = (key: string, defaultVariant = 'off'): Flag => ({ key, enabled: true, variants: { on: true, off: false }, offVariant: 'off', defaultVariant });

export const snapshotAt = (environment: string, version: number, flags: Flag[] = [flag('a')]): Snapshot => ({
  environment,
  version,
  flags,
  segments: [{ key: 'beta', when: { attr: 'plan', op: 'eq', value: 'beta' } }],
  corrupt: [],
});

export function describeSnapshotTier(name: string, make: () => Promise<SnapshotTier>): void {
  describe(`snapshot tier contract: ${name}`, () => {
    let tier: SnapshotTier;
    let env: string;
    let n = 0;
    beforeEach(async () => {
      tier = await make();
      env = `env-${process.pid}-${Date.now()}-${++n}`;
    });

    it('knows no version and no snapshot of an environment never published', async () => {
      assert.equal(await tier.version(env), undefined);
      assert.equal(await tier.snapshot(env), undefined);
    });

    it('gives back a published snapshot whole, stamped with its version', async () => {
      const snapshot = snapshotAt(env, 7, [flag('a'), flag('b', 'on')]);
      await tier.publish(snapshot);
      assert.equal(await tier.version(env), 7);
      assert.deepEqual(await tier.snapshot(env), snapshot);
    });

    it('replaces a snapshot with a newer one and never with an older one', async () => {
      await tier.publish(snapshotAt(env, 3));
      await tier.publish(snapshotAt(env, 5, [flag('new')]));
      await tier.publish(snapshotAt(env, 4, [flag('late')]));
      assert.equal(await tier.version(env), 5);
      assert.deepEqual((await tier.snapshot(env))?.flags.map((f) => f.key), ['new']);
    });

    it('keeps environments apart', async () => {
      await tier.publish(snapshotAt(env, 2));
      assert.equal(await tier.version(`${env}-other`), undefined);
    });
  });
}
