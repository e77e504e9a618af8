// The wiring of `npm test`'s local services: the real Google and Upstash clients reach the
// emulator and Redis at the addresses the runner exports, and nothing else.

import { Firestore } from '@google-cloud/firestore';
import { Redis } from '@upstash/redis';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { firestoreEmulator, resetFirestore, upstash } from '../helpers/services.ts';

describe('local services', () => {
  it('run with metadata server detection off, on loopback addresses', () => {
    assert.equal(process.env.METADATA_SERVER_DETECTION, 'none');
    assert.match(firestoreEmulator().host, /^127\.0\.0\.1:\d+$/);
    assert.match(upstash().url, /^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('let the real Firestore client write, read and reset documents in the emulator', async () => {
    const { projectId } = firestoreEmulator();
    const db = new Firestore({ projectId });
    try {
      const doc = db.collection('wiring').doc(randomUUID());
      await doc.set({ key: 'new-checkout', version: 1, tags: ['a', 'b'] });
      const read = await doc.get();
      assert.deepEqual(read.data(), { key: 'new-checkout', version: 1, tags: ['a', 'b'] });
      await resetFirestore();
      assert.equal((await doc.get()).exists, false);
    } finally {
      await db.terminate();
    }
  });

  it('let the real @upstash/redis client round-trip through the proxy to redis-server', async () => {
    const redis = new Redis({ ...upstash(), retry: false, enableTelemetry: false });
    const key = `wiring:${randomUUID()}`;
    assert.equal(await redis.set(key, { snapshot: 3 }, { ex: 60 }), 'OK');
    assert.deepEqual(await redis.get(key), { snapshot: 3 });
    assert.equal(await redis.del(key), 1);
  });

  it('tell how to start the services when a suite runs without them', () => {
    const saved = process.env.UPSTASH_REDIS_REST_URL;
    delete process.env.UPSTASH_REDIS_REST_URL;
    try {
      assert.throws(() => upstash(), /UPSTASH_REDIS_REST_URL is not set.*npm test.*node scripts\/services\/start\.ts/s);
    } finally {
      process.env.UPSTASH_REDIS_REST_URL = saved;
    }
  });
});
