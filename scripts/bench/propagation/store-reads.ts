// Store reads per evaluation on a warm instance: one evaluate function in this process, built as
// its root builds it except that its flag store and key verifier count every call, at two
// levels: what the snapshot cache asks of the tiered store (Redis first), and what reaches
// Firestore behind it. Warmed with one evaluation, then `evaluations` requests through HTTP.

import autocannon from 'autocannon';
import type { RuntimeConfig } from '../../../shared/config/runtime-config.ts';
import { createSnapshotCache } from '../../../shared/cache/snapshot-cache.ts';
import { createTieredFlagStore } from '../../../shared/cache/tiered-store.ts';
import { cachingKeyLookup } from '../../../shared/http/auth.ts';
import { evaluateDeps } from '../../../functions/evaluate/deps.ts';
import { createEvaluateFunction } from '../../../functions/evaluate/app.ts';
import { serveFunction } from '../../../test/helpers/function-server.ts';
import { countingFlagStore, countingKeys, type Counts } from './counting.ts';
import { evaluateFlag, onOff, putFlag, type Product } from './product.ts';
import { round } from './stats.ts';

export type StoreReadsResult = {
  readonly evaluations: number;
  readonly non200: number;
  readonly seconds: number;
  readonly maxStalenessMs: number;
  /** Calls the snapshot cache made of its store (the Redis tier with Firestore behind). */
  readonly snapshotCache: Counts;
  /** Calls that reached Firestore. */
  readonly firestore: Counts;
  readonly keyLookups: number;
  /** Snapshot loads, attribute reads and key lookups per evaluation (version checks apart). */
  readonly readsPerEvaluation: number;
  readonly versionChecksPerEvaluation: number;
};

export async function measureStoreReads(config: RuntimeConfig, product: Product, evaluations: number): Promise<StoreReadsResult> {
  const { backends } = product.instance;
  if (!backends.tier || !backends.redis || !backends.mirroredKeys) throw new Error('store reads are measured on Firestore with Redis');
  const firestore = countingFlagStore(backends.stores.flags);
  const tiered = countingFlagStore(createTieredFlagStore(firestore.store, { tier: backends.tier, breaker: backends.redis.breaker }));
  const keys = countingKeys(backends.mirroredKeys);
  const checkMs = config.SWITCHYARD_MAX_STALENESS_MS;
  const deps = {
    ...evaluateDeps(config, product.instance),
    keys: cachingKeyLookup(keys.keys, { ttlMs: 30_000 }),
    snapshots: createSnapshotCache(tiered.store, { maxStalenessMs: checkMs }),
  };
  await putFlag(product, onOff('counted', 'on'), 0);
  const evaluate = await serveFunction('evaluate', createEvaluateFunction(deps));
  try {
    const warm = await evaluateFlag(evaluate.url, product.sdkKey, 'counted');
    if (warm.status !== 200 || warm.variant !== 'on') throw new Error(`warm-up evaluation answered ${warm.status} ${String(warm.variant)}`);
    for (const counter of [firestore, tiered, keys]) counter.reset();
    const result = await autocannon({
      url: `${evaluate.url}/ofrep/v1/evaluate/flags/counted`,
      connections: 10,
      amount: evaluations,
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${product.sdkKey}` },
      body: '{"context":{"targetingKey":"bench-user"}}',
    });
    const served = result['2xx'];
    const reads = tiered.counts.snapshot + tiered.counts.attributes + keys.counts.findByHash;
    return {
      evaluations: served,
      non200: result.non2xx + result.errors,
      seconds: round(result.duration, 2),
      maxStalenessMs: config.SWITCHYARD_MAX_STALENESS_MS,
      snapshotCache: { ...tiered.counts },
      firestore: { ...firestore.counts },
      keyLookups: keys.counts.findByHash,
      readsPerEvaluation: served > 0 ? reads / served : Number.NaN,
      versionChecksPerEvaluation: served > 0 ? round(tiered.counts.version / served, 6) : Number.NaN,
    };
  } finally {
    await evaluate.close();
  }
}
