// The freshness contract over HTTP on the local product (the real router and functions in one
// process, embedded store): a write the admin function acknowledged is what the very next
// evaluation answers, by every route, and still after the instance has sat idle for longer than
// its staleness bound (SWITCHYARD_MAX_STALENESS_MS, short here).

import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import { startLocalProduct, type LocalProduct } from './helpers/local-product.ts';
import { bulkMember, onOffFlag, productApi, type Json, type ProductApi } from './helpers/product-api.ts';

const MAX_STALENESS_MS = 200;

describe('read-your-writes and the kill switch on the local product', function () {
  this.timeout(60000);
  let product: LocalProduct;
  let api: ProductApi;

  before(async () => {
    product = await startLocalProduct({ console: false, env: { SWITCHYARD_MAX_STALENESS_MS: String(MAX_STALENESS_MS) } });
    api = productApi(product);
  });
  after(async () => {
    await product?.stop();
  });

  /** What every route answers for the flag right now, for user-1. */
  async function everyRoute(key: string) {
    const [single, bulk, batch, preview] = await Promise.all([api.single(key), api.bulk(), api.batch([key]), api.preview(key)]);
    const batchResult = (((batch.body.results as Json[] | undefined)?.[0] as Json | undefined)?.flags as Json | undefined)?.[key] as Json | undefined;
    const previewResult = ((preview.body.results as Json[] | undefined)?.[0] as Json | undefined) ?? {};
    return {
      single: { status: single.status, value: single.body.value, reason: single.body.reason ?? single.body.errorCode },
      bulk: bulkMember(bulk, key) ? { value: bulkMember(bulk, key)!.value, reason: bulkMember(bulk, key)!.reason } : 'absent',
      batch: batch.status === 200 ? { value: batchResult?.value, reason: batchResult?.reason } : batch.body.code,
      preview: preview.status === 200 ? { value: previewResult.value, reason: previewResult.reason } : preview.body.code,
    };
  }
  const on = { value: true, reason: 'STATIC' };
  const off = { value: false, reason: 'DISABLED' };

  it('serves a flag created a moment ago by every route, at once', async () => {
    const key = 'ryw-created';
    assert.deepEqual(await everyRoute(key), { single: { status: 404, value: undefined, reason: 'FLAG_NOT_FOUND' }, bulk: 'absent', batch: 'UNKNOWN_FLAGS', preview: 'FLAG_NOT_FOUND' });
    assert.equal((await api.putFlag(onOffFlag(key, true))).status, 201);
    assert.deepEqual(await everyRoute(key), { single: { status: 200, ...on }, bulk: on, batch: on, preview: on });
  });

  it('serves a kill switch (enabled: false) by every route, at once', async () => {
    const key = 'ryw-killed';
    assert.equal((await api.putFlag(onOffFlag(key, true))).status, 201);
    assert.deepEqual((await everyRoute(key)).single, { status: 200, ...on });
    assert.equal((await api.putFlag(onOffFlag(key, false))).status, 200);
    assert.deepEqual(await everyRoute(key), { single: { status: 200, ...off }, bulk: off, batch: off, preview: off });
  });

  it('reads its writes after sitting idle for longer than the staleness bound', async () => {
    const key = 'ryw-idle';
    // Each route has answered, so each holds a snapshot that then ages past the bound.
    await everyRoute(key);
    await delay(MAX_STALENESS_MS * 2);
    assert.equal((await api.putFlag(onOffFlag(key, true))).status, 201);
    assert.deepEqual(await everyRoute(key), { single: { status: 200, ...on }, bulk: on, batch: on, preview: on });
    await delay(MAX_STALENESS_MS * 2);
    assert.equal((await api.putFlag(onOffFlag(key, false))).status, 200);
    assert.deepEqual(await everyRoute(key), { single: { status: 200, ...off }, bulk: off, batch: off, preview: off });
    await delay(MAX_STALENESS_MS * 2);
    assert.deepEqual(await everyRoute(key), { single: { status: 200, ...off }, bulk: off, batch: off, preview: off }, 'and keeps serving it once idle again');
    assert.equal((await api.putFlag(onOffFlag(key, true))).status, 200);
    assert.deepEqual(await everyRoute(key), { single: { status: 200, ...on }, bulk: on, batch: on, preview: on }, 'the switch turns back on as fast');
  });
});
