import assert from 'node:assert/strict';
import { OpenFeature, type Client } from '@openfeature/server-sdk';
import { OFREPProvider } from '@openfeature/ofrep-provider';
import { bucketFor } from '../../../shared/rules/index.ts';
import { SDK_KEY, startEvaluate, type Fixture } from './fixture.ts';

describe('evaluate through the OpenFeature OFREP provider', () => {
  let fixture: Fixture;
  let client: Client;

  before(async () => {
    fixture = await startEvaluate();
    // The provider's baseUrl is the function's URL; routes live under <URL>/ofrep/v1/...
    await OpenFeature.setProviderAndWait('switchyard', new OFREPProvider({ baseUrl: fixture.url, headers: [['Authorization', `Bearer ${SDK_KEY}`]] }));
    client = OpenFeature.getClient('switchyard');
  });

  after(async () => {
    await OpenFeature.close();
    await fixture.close();
  });

  it('resolves a boolean flag by a targeting match', async () => {
    const details = await client.getBooleanDetails('bool-flag', false, { targetingKey: 'u1', plan: 'pro' });
    assert.equal(details.value, true);
    assert.equal(details.reason, 'TARGETING_MATCH');
    assert.equal(details.variant, 'on');
    assert.equal(details.flagMetadata.ruleId, 'pros');
  });

  it('falls through to the default variant when no rule matches', async () => {
    const details = await client.getBooleanDetails('bool-flag', true, { targetingKey: 'u1', plan: 'free' });
    assert.deepEqual([details.value, details.reason, details.variant], [false, 'DEFAULT', 'off']);
  });

  it('resolves string, number and object flags', async () => {
    assert.equal(await client.getStringValue('string-flag', 'x', { targetingKey: 'u1' }), 'beta');
    assert.equal((await client.getStringDetails('string-flag', 'x', { targetingKey: 'u1' })).reason, 'STATIC');
    assert.equal(await client.getNumberValue('number-flag', 0, { targetingKey: 'u1', seats: 11 }), 100);
    assert.equal(await client.getNumberValue('number-flag', 0, { targetingKey: 'u1', seats: '3' }), 1.5);
    assert.deepEqual(await client.getObjectValue('object-flag', {}, { targetingKey: 'u1' }), { color: 'blue', size: 3 });
  });

  it('splits by the bucket of the targeting key', async () => {
    for (const user of ['alice', 'bob', 'carol', 'dave', 'erin']) {
      const details = await client.getBooleanDetails('split-flag', false, { targetingKey: user });
      const expected = bucketFor('split-flag', user) < 50_000;
      assert.deepEqual([details.value, details.reason], [expected, 'SPLIT'], user);
      assert.equal(details.flagMetadata.bucket, bucketFor('split-flag', user));
      assert.equal(details.flagMetadata.experimentId, 'exp-1');
    }
  });

  it('serves the off variant of a disabled flag with reason DISABLED', async () => {
    const details = await client.getStringDetails('disabled-flag', 'default', { targetingKey: 'u1' });
    assert.deepEqual([details.value, details.reason, details.variant], ['no', 'DISABLED', 'off']);
  });

  it('reports FLAG_NOT_FOUND and returns the code default for a missing flag', async () => {
    const details = await client.getBooleanDetails('no-such-flag', true, { targetingKey: 'u1' });
    assert.deepEqual([details.value, details.errorCode, details.reason], [true, 'FLAG_NOT_FOUND', 'ERROR']);
  });

  it('reports TYPE_MISMATCH when the flag holds another type than asked for', async () => {
    const details = await client.getBooleanDetails('string-flag', false, { targetingKey: 'u1' });
    assert.deepEqual([details.value, details.errorCode], [false, 'TYPE_MISMATCH']);
  });

  it('reports TARGETING_KEY_MISSING when a split needs the key the context lacks', async () => {
    const details = await client.getBooleanDetails('split-flag', true, { plan: 'pro' });
    assert.deepEqual([details.value, details.errorCode], [true, 'TARGETING_KEY_MISSING']);
  });

  it('evaluates flags that need no bucketing without a targeting key', async () => {
    const details = await client.getBooleanDetails('bool-flag', false, { plan: 'pro' });
    assert.deepEqual([details.value, details.reason], [true, 'TARGETING_MATCH']);
  });

  it('reports INVALID_CONTEXT for a context past the limits', async () => {
    const details = await client.getBooleanDetails('bool-flag', false, { targetingKey: 'u1', note: 'x'.repeat(2000) });
    assert.deepEqual([details.value, details.errorCode], [false, 'INVALID_CONTEXT']);
  });

  it('fails closed to the code default with a wrong key', async () => {
    await OpenFeature.setProviderAndWait('wrong-key', new OFREPProvider({ baseUrl: fixture.url, headers: [['X-API-Key', 'not-a-key-at-all']] }));
    const details = await OpenFeature.getClient('wrong-key').getBooleanDetails('bool-flag', false, { targetingKey: 'u1', plan: 'pro' });
    assert.equal(details.value, false);
    assert.equal(details.reason, 'ERROR');
  });
});
