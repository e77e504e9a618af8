// The snapshot tier contract against memory and against Redis (the Upstash REST proxy of `npm test`),
// and how the Redis tier treats what it cannot trust.

import assert from 'node:assert/strict';
import { Redis } from '@upstash/redis';
import { createMemorySnapshotTier } from '../../../shared/cache/snapshot-tier.ts';
import { createRedisSnapshotTier } from '../../../shared/cache/redis-snapshots.ts';
import { describeSnapshotTier, snapshotAt } from '../../contract/snapshot-tier.contract.ts';
import { upstash } from '../../helpers/services.ts';

const client = () => new Redis({ ...upstash(), enableTelemetry: false });
const run = `${process.pid}-${Date.now()}`;

describeSnapshotTier('memory', async () => createMemorySnapshotTier());
describeSnapshotTier('redis', async () => createRedisSnapshotTier(client(), { prefix: 'test:snap' }));

describe('Redis snapshot tier', () => {
  it('reports a corrupt snapshot and reads it as missing', async () => {
    const redis = client();
    const problems: string[] = [];
    const tier = createRedisSnapshotTier(redis, { prefix: `test:corrupt:${run}`, onCorrupt: (_env, problem) => problems.push(problem) });
    await tier.publish(snapshotAt('c1', 1));
    await redis.set(`test:corrupt:${run}:s:c1`, JSON.stringify({ ...snapshotAt('c1', 1), flags: [{ key: 'x', enabled: 'yes' }] }));
    await redis.set(`test:corrupt:${run}:v:c1`, 'not-a-number');
    assert.equal(await tier.snapshot('c1'), undefined);
    assert.equal(await tier.version('c1'), undefined);
    assert.equal(problems.length, 2);
    await redis.set(`test:corrupt:${run}:s:c2`, '{not json');
    assert.equal(await tier.snapshot('c2'), undefined);
    assert.equal(problems.length, 3);
  });

  it('lets a published version expire, so a lost publish is noticed', async () => {
    const tier = createRedisSnapshotTier(client(), { prefix: `test:ttl:${run}`, versionTtlSeconds: 1 });
    await tier.publish(snapshotAt('t1', 1));
    assert.equal(await tier.version('t1'), 1);
    await new Promise((r) => setTimeout(r, 1100));
    assert.equal(await tier.version('t1'), undefined);
    assert.equal((await tier.snapshot('t1'))?.version, 1, 'the snapshot itself stays for cold starts');
  });
});
