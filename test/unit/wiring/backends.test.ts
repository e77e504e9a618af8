// The backends a composition root builds from the parsed configuration: made by a factory each
// time (two instances share nothing), the embedded store only in the local and test stages, and
// Firestore whenever a deployed stage runs, never a silent fallback to memory.

import assert from 'node:assert/strict';
import { readRuntimeConfig } from '../../../shared/config/runtime-config.ts';
import { hashKey } from '../../../shared/store/api-keys.ts';
import { createBackends } from '../../../shared/wiring/backends.ts';
import { testTelemetry } from '../../helpers/telemetry.ts';

const log = testTelemetry('backends').logger;
const SDK_KEY = 'sy_sdk_backends_test_0123456789';

describe('backends from the configuration', () => {
  it('builds a new embedded store for each instance: what one instance writes, another never sees', async () => {
    const config = readRuntimeConfig({ SWITCHYARD_STAGE: 'test', SWITCHYARD_SDK_KEY: SDK_KEY });
    const one = createBackends(config, log);
    const other = createBackends(config, log);
    assert.notEqual(one.stores, other.stores);
    assert.ok((await one.stores.environments.create({ key: 'only-in-one' }, { actor: 'test' })).ok);
    assert.deepEqual((await other.stores.environments.list()).map((e) => e.key).includes('only-in-one'), false);
    // Each is seeded with the configured keys, as npm start prints them.
    assert.equal(one.localKeys?.sdkKey, SDK_KEY);
    assert.equal((await other.stores.keys.findByHash(hashKey(SDK_KEY)))?.kind, 'sdk');
  });

  it('keeps the rollups beside the embedded store, one per instance', () => {
    const config = readRuntimeConfig({ SWITCHYARD_STAGE: 'local' });
    assert.notEqual(createBackends(config, log).rollups, createBackends(config, log).rollups);
  });

  for (const stage of ['staging', 'production'] as const) {
    it(`builds a deployed ${stage} stage on Firestore when SWITCHYARD_STORE is unset (no demo store, no local keys)`, () => {
      // Nothing is sent anywhere: Google's client connects on its first call.
      const backends = createBackends(readRuntimeConfig({ SWITCHYARD_STAGE: stage, GOOGLE_CLOUD_PROJECT: 'demo-backends', SWITCHYARD_STREAM_SECRET: 'x'.repeat(32) }), log);
      assert.equal(backends.localKeys, undefined);
      assert.equal(typeof backends.adoptKey, 'function', 'key adoption exists only on Firestore');
    });

    it(`refuses the embedded store for a deployed ${stage} stage even in a configuration made by hand`, () => {
      const config = { ...readRuntimeConfig({ SWITCHYARD_STAGE: 'test' }), SWITCHYARD_STAGE: stage };
      assert.throws(() => createBackends(config, log), /the embedded store is for the local and test stages, not /);
    });
  }

  it('invents a stream secret only in the local and test stages', () => {
    assert.equal(typeof createBackends(readRuntimeConfig({ SWITCHYARD_STAGE: 'local' }), log).streamSecret, 'string');
    assert.equal(createBackends(readRuntimeConfig({ SWITCHYARD_STAGE: 'production', GOOGLE_CLOUD_PROJECT: 'demo-backends' }), log).streamSecret, undefined);
  });
});
