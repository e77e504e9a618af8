// Snapshot recompile time in process: an environment of 10,000 varied typical flags (the
// generator of scripts/bench/workloads.ts) read once from the embedded store, then one flag
// changed. The snapshot cache (shared/cache/snapshot-cache.ts) compiles the first snapshot in
// full and afterwards recompiles only the flags whose documents changed; both are timed through
// the cache's own `get`, over a store port that hands out snapshots already read, so the figures
// are the cache's work (compile, change detection) and not the store's reads (reported apart).

import { setImmediate as nextTurn } from 'node:timers/promises';
import { createSnapshotCache } from '../../../shared/cache/snapshot-cache.ts';
import { createMemoryStore } from '../../../shared/store/memory-store.ts';
import type { FlagStore, Snapshot } from '../../../shared/store/ports.ts';
import { typicalFlags } from '../workloads.ts';
import { median, round } from './stats.ts';

export type RecompileResult = {
  readonly flags: number;
  readonly changedFlags: 1;
  /** Reading and validating the 10,000 stored documents (the embedded store's snapshot), median. */
  readonly storeSnapshotReadMs: number;
  readonly fullCompileMs: number;
  readonly fullCompileRuns: number;
  readonly incrementalRecompileMs: number;
  readonly incrementalRuns: number;
  /** How many times faster the incremental recompile is than the full compile. */
  readonly speedup: number;
  /** Compiled flags carried over unchanged by the last recompile (expected: flags - 1). */
  readonly reusedCompiledFlags: number;
};

const ENVIRONMENT = 'bench';
const CHECK_MS = 1000;

export async function measureRecompile(options: { flags?: number; fullRuns?: number; incrementalRuns?: number } = {}): Promise<RecompileResult> {
  const count = options.flags ?? 10_000;
  const docs = typicalFlags(count, 11);
  const store = createMemoryStore({ environments: { [ENVIRONMENT]: { flags: docs } }, keys: [] });
  const reads: number[] = [];
  const read = async () => {
    const started = performance.now();
    const snapshot = await store.flags.snapshot(ENVIRONMENT);
    reads.push(performance.now() - started);
    if (!snapshot) throw new Error('the seeded environment is missing');
    return snapshot;
  };
  const before = await read();
  const changed = docs[Math.floor(count / 2)]!;
  const write = await store.documents.flags.put(ENVIRONMENT, { ...changed, defaultVariant: changed.defaultVariant === 'on' ? 'off' : 'on' }, { ifMatch: 1, actor: 'bench' });
  if (!write.ok) throw new Error(`the changed flag was not written: ${write.reason}`);
  const after = await read();
  await read();

  let current: Snapshot = before;
  const port: FlagStore = { version: async () => current.version, snapshot: async () => current, attributes: async () => [] };
  let clock = 0;
  const cacheOver = () => createSnapshotCache(port, { maxStalenessMs: CHECK_MS, now: () => clock });

  const full: number[] = [];
  for (let run = 0; run < (options.fullRuns ?? 5); run++) {
    current = before;
    const started = performance.now();
    await cacheOver().get(ENVIRONMENT);
    full.push(performance.now() - started);
  }

  const cache = cacheOver();
  await cache.get(ENVIRONMENT);
  const incremental: number[] = [];
  let reused = 0;
  for (let run = 0; run < (options.incrementalRuns ?? 20); run++) {
    const held = cache.peek(ENVIRONMENT)!;
    current = run % 2 === 0 ? after : before;
    clock += CHECK_MS;
    const started = performance.now();
    // The held snapshot is past its check interval: `get` answers from it and checks in the
    // background. The port answers at once, so the recheck and recompile finish within this turn.
    void cache.get(ENVIRONMENT);
    await nextTurn();
    incremental.push(performance.now() - started);
    const fresh = cache.peek(ENVIRONMENT);
    if (fresh?.version !== current.version) throw new Error('the cache did not pick up the changed snapshot within one turn');
    reused = [...fresh.flags].filter(([key, flag]) => held.flags.get(key) === flag).length;
  }
  const fullMs = median(full);
  const incrementalMs = median(incremental);
  return {
    flags: count,
    changedFlags: 1,
    storeSnapshotReadMs: round(median(reads)),
    fullCompileMs: round(fullMs),
    fullCompileRuns: full.length,
    incrementalRecompileMs: round(incrementalMs, 2),
    incrementalRuns: incremental.length,
    speedup: round(fullMs / incrementalMs),
    reusedCompiledFlags: reused,
  };
}
