import assert from 'node:assert/strict';
import { post, startEvaluate, type Fixture } from './fixture.ts';

describe('batch evaluation', () => {
  let fixture: Fixture;
  const url = () => `${fixture.url}/v1/evaluate/batch`;

  before(async () => {
    fixture = await startEvaluate();
  });
  after(() => fixture.close());

  it('evaluates every flag for every context, in order', async () => {
    const res = await post(url(), { contexts: [{ targetingKey: 'a', plan: 'pro' }, { targetingKey: 'b', plan: 'free' }] });
    assert.equal(res.status, 200);
    const body = await res.json();
    assert.equal(body.environment, 'test');
    assert.deepEqual(body.results.map((r: { index: number }) => r.index), [0, 1]);
    assert.deepEqual(body.results[0].flags['bool-flag'], { value: true, variant: 'on', reason: 'TARGETING_MATCH', ruleId: 'pros' });
    assert.deepEqual(body.results[1].flags['bool-flag'], { value: false, variant: 'off', reason: 'DEFAULT' });
    assert.equal(Object.keys(body.results[0].flags).length, 8);
  });

  it('gives every context the answers the OFREP bulk route gives it, across slices and split variants', async () => {
    const contexts = Array.from({ length: 250 }, (_, i) => ({ targetingKey: `user-${i}`, plan: i % 3 === 0 ? 'pro' : 'free', seats: i % 20, ...(i % 7 === 0 ? { geo: { country: 'DE' } } : {}) }));
    const body = await (await post(url(), { contexts })).json();
    assert.equal(body.results.length, 250);
    const variants = new Set<string>();
    for (const [i, context] of contexts.entries()) {
      const bulk = await (await post(`${fixture.url}/ofrep/v1/evaluate/flags`, { context })).json();
      const expected = Object.fromEntries(bulk.flags.map((f: { key: string; value: unknown; variant: string; reason: string; metadata?: { ruleId?: string } }) => [f.key, { value: f.value, variant: f.variant, reason: f.reason, ...(f.metadata?.ruleId ? { ruleId: f.metadata.ruleId } : {}) }]));
      assert.equal(body.results[i].index, i);
      assert.deepEqual(body.results[i].flags, expected, `context ${i}`);
      variants.add(body.results[i].flags['split-flag'].variant);
    }
    assert.deepEqual([...variants].sort(), ['off', 'on'], 'the split served both variants');
  });

  it('answers a context without a targetingKey as the OFREP bulk route does, failures included', async () => {
    const context = { plan: 'pro' };
    const batch = await (await post(url(), { contexts: [context] })).json();
    const bulk = await (await post(`${fixture.url}/ofrep/v1/evaluate/flags`, { context })).json();
    type BulkFlag = { key: string; value: unknown; variant: string; reason: string; metadata?: { ruleId?: string }; errorCode?: string; errorDetails?: string };
    const member = (f: BulkFlag) => (f.errorCode !== undefined ? { errorCode: f.errorCode, errorDetails: f.errorDetails } : { value: f.value, variant: f.variant, reason: f.reason, ...(f.metadata?.ruleId ? { ruleId: f.metadata.ruleId } : {}) });
    assert.deepEqual(batch.results[0].flags, Object.fromEntries(bulk.flags.map((f: BulkFlag) => [f.key, member(f)])));
    // The split needs a targetingKey to bucket: OFREP's lenient rule, in batch too.
    assert.equal(batch.results[0].flags['split-flag'].errorCode, 'TARGETING_KEY_MISSING');
  });

  it('evaluates only the listed flags', async () => {
    const body = await (await post(url(), { contexts: [{ targetingKey: 'a' }], flags: ['string-flag', 'number-flag'] })).json();
    assert.deepEqual(Object.keys(body.results[0].flags), ['string-flag', 'number-flag']);
  });

  it('answers 422 naming each unknown flag by its path', async () => {
    const res = await post(url(), { contexts: [{}], flags: ['string-flag', 'ghost', 'phantom'] });
    assert.equal(res.status, 422);
    const body = await res.json();
    assert.equal(body.code, 'UNKNOWN_FLAGS');
    assert.deepEqual(body.errors.map((e: { path: string }) => e.path), ['/flags/1', '/flags/2']);
  });

  it('takes 1,000 contexts and answers 413 to 1,001', async () => {
    const contexts = (n: number) => Array.from({ length: n }, (_, i) => ({ targetingKey: `user-${i}` }));
    const ok = await post(url(), { contexts: contexts(1000), flags: ['split-flag'] });
    assert.equal(ok.status, 200);
    assert.equal((await ok.json()).results.length, 1000);
    const over = await post(url(), { contexts: contexts(1001), flags: ['split-flag'] });
    assert.equal(over.status, 413);
    const body = await over.json();
    assert.equal(body.code, 'TOO_MANY_ITEMS');
    assert.equal(body.errors[0].path, '/contexts');
  });

  it('reports an invalid context in its own result and evaluates the others', async () => {
    const body = await (await post(url(), { contexts: ['not an object', { targetingKey: 'ok' }], flags: ['string-flag'] })).json();
    assert.equal(body.results[0].errorCode, 'INVALID_CONTEXT');
    assert.equal(body.results[1].flags['string-flag'].value, 'beta');
  });

  it('streams NDJSON, one line per context, on request', async () => {
    const res = await post(url(), { contexts: [{ targetingKey: 'a' }, { targetingKey: 'b' }], flags: ['string-flag'] }, { Accept: 'application/x-ndjson' });
    assert.equal(res.headers.get('content-type'), 'application/x-ndjson');
    const lines = (await res.text()).trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(lines.map((l) => l.index), [0, 1]);
  });

  it('answers 400 to a body without contexts', async () => {
    const res = await post(url(), { flags: ['string-flag'] });
    assert.equal(res.status, 400);
    const body = await res.json();
    assert.equal(body.code, 'INVALID_BODY');
    assert.equal(body.errors[0].path, '/contexts');
  });
});
