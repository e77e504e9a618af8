import assert from 'node:assert/strict';
import { OpenFeature } from '@openfeature/web-sdk';
import { OFREPWebProvider } from '@openfeature/ofrep-web-provider';
import { SDK_KEY, startEvaluate, type Fixture } from './fixture.ts';

describe('evaluate through the OpenFeature OFREP web provider (bulk, static context)', () => {
  let fixture: Fixture;

  before(async () => {
    fixture = await startEvaluate();
  });
  after(async () => {
    await OpenFeature.close();
    await fixture.close();
  });

  it('loads every flag in one bulk call and resolves them locally', async () => {
    const provider = new OFREPWebProvider({ baseUrl: fixture.url, headers: [['Authorization', `Bearer ${SDK_KEY}`]], pollInterval: 0, cacheMode: 'disabled' });
    await OpenFeature.setContext({ targetingKey: 'u1', plan: 'pro', seats: 50 });
    await OpenFeature.setProviderAndWait(provider);
    const client = OpenFeature.getClient();
    assert.deepEqual([client.getBooleanValue('bool-flag', false), client.getNumberValue('number-flag', 0), client.getStringValue('string-flag', '')], [true, 100, 'beta']);
    assert.deepEqual(client.getObjectValue('object-flag', {}), { color: 'blue', size: 3 });
    const disabled = client.getStringDetails('disabled-flag', 'x');
    assert.deepEqual([disabled.value, disabled.reason], ['no', 'DISABLED']);
    assert.equal(client.getBooleanDetails('ghost', true).errorCode, 'FLAG_NOT_FOUND');
  });

  it('refetches when the static context changes', async () => {
    await OpenFeature.setContext({ targetingKey: 'u1', plan: 'free', seats: 1 });
    const client = OpenFeature.getClient();
    assert.deepEqual([client.getBooleanValue('bool-flag', true), client.getNumberValue('number-flag', 0)], [false, 1.5]);
  });
});
