// The runtime configuration as every function's root reads it: one parse of the environment, its
// defaults by stage, and the settings that stop a start with a message instead of a request later.

import assert from 'node:assert/strict';
import { ConfigError, readRuntimeConfig } from '../../../shared/config/runtime-config.ts';
import { readLocalConfig } from '../../../shared/config/local-config.ts';
import { consoleSettings } from '../../../shared/config/console-config.ts';

describe('runtime configuration', () => {
  describe('the store of a stage', () => {
    for (const stage of ['local', 'test'] as const) {
      it(`runs the ${stage} stage on the embedded store unless told otherwise`, () => {
        assert.equal(readRuntimeConfig({ SWITCHYARD_STAGE: stage }).SWITCHYARD_STORE, 'memory');
        assert.equal(readRuntimeConfig({ SWITCHYARD_STAGE: stage, SWITCHYARD_STORE: 'firestore' }).SWITCHYARD_STORE, 'firestore');
      });
    }
    for (const stage of ['staging', 'production'] as const) {
      it(`runs the deployed ${stage} stage on Firestore when SWITCHYARD_STORE is unset, never on memory`, () => {
        assert.equal(readRuntimeConfig({ SWITCHYARD_STAGE: stage }).SWITCHYARD_STORE, 'firestore');
      });
      it(`refuses SWITCHYARD_STORE=memory in the deployed ${stage} stage, naming the variable`, () => {
        assert.throws(() => readRuntimeConfig({ SWITCHYARD_STAGE: stage, SWITCHYARD_STORE: 'memory' }), (error: unknown) => error instanceof ConfigError && /SWITCHYARD_STORE: the embedded store is for the local and test stages/.test(error.message));
      });
    }
    it('takes production as the stage of an environment that names none, so a deployment forgetting it still keeps its state in Firestore', () => {
      const config = readRuntimeConfig({});
      assert.deepEqual([config.SWITCHYARD_STAGE, config.SWITCHYARD_STORE], ['production', 'firestore']);
    });
  });

  it('labels logs with SWITCHYARD_VERSION, else the Cloud Run revision of the environment read, else dev', () => {
    assert.equal(readRuntimeConfig({ SWITCHYARD_STAGE: 'test', SWITCHYARD_VERSION: 'v7', K_REVISION: 'evaluate-00012' }).SWITCHYARD_VERSION, 'v7');
    assert.equal(readRuntimeConfig({ SWITCHYARD_STAGE: 'test', K_REVISION: 'evaluate-00012' }).SWITCHYARD_VERSION, 'evaluate-00012');
    assert.equal(readRuntimeConfig({ SWITCHYARD_STAGE: 'test' }).SWITCHYARD_VERSION, 'dev');
  });

  it('holds the aggregator\'s and the console\'s settings too: one parse per function', () => {
    const config = readRuntimeConfig({ SWITCHYARD_STAGE: 'test', SWITCHYARD_AGGREGATE_BATCH: '25', SWITCHYARD_ADMIN_URL: 'https://admin.example.test/' });
    assert.equal(config.SWITCHYARD_AGGREGATE_BATCH, 25);
    assert.equal(config.SWITCHYARD_AGGREGATE_BUDGET_SECONDS, 45);
    assert.deepEqual(consoleSettings(config), { adminUrl: 'https://admin.example.test', validateUrl: '/validate', previewUrl: '/preview' });
  });

  it('names every wrong variable in one line', () => {
    assert.throws(() => readRuntimeConfig({ PORT: 'eighty', SWITCHYARD_AGGREGATE_BATCH: '5000' }), (error: unknown) => error instanceof ConfigError && !error.message.includes('\n') && /PORT: /.test(error.message) && /SWITCHYARD_AGGREGATE_BATCH: /.test(error.message));
  });

  describe('of the local product', () => {
    it('defaults to the local stage, the embedded store and the streams function under /streams on its own port', () => {
      const config = readLocalConfig({ PORT: '9090' });
      assert.deepEqual([config.SWITCHYARD_STAGE, config.SWITCHYARD_STORE, config.SWITCHYARD_STREAMS_URL], ['local', 'memory', 'http://127.0.0.1:9090/streams']);
    });
    it('points browsers at localhost when it listens on every interface, and lets the environment choose otherwise', () => {
      assert.equal(readLocalConfig({ HOST: '0.0.0.0' }).SWITCHYARD_STREAMS_URL, 'http://localhost:8080/streams');
      assert.equal(readLocalConfig({ SWITCHYARD_STREAMS_URL: 'https://streams.example.test' }).SWITCHYARD_STREAMS_URL, 'https://streams.example.test');
      assert.equal(readLocalConfig({ SWITCHYARD_STAGE: 'test' }).SWITCHYARD_STAGE, 'test');
    });
  });
});
