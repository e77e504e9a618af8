// The evaluate function's compiled snapshot of each environment, held in memory. The store's
// version is checked at most every `checkEveryMs`; loads are single-flight; only flags whose
// documents changed are recompiled; a failing store leaves the held snapshot serving.

import { compileFlag, type CompiledFlag, type Flag, type Segment } from '../rules/index.ts';
import type { FlagStore, Snapshot } from '../store/ports.ts';
import type { MetricsRecorder } from '../telemetry/recorder.ts';

export type CompiledSnapshot = {
  readonly environment: string;
  readonly version: number;
  /** When the snapshot was last confirmed current against the store (epoch ms). */
  readonly confirmedAt: number;
  readonly flags: ReadonlyMap<string, CompiledFlag>;
  /** Flags that are stored but do not compile, with the reason: evaluated as PARSE_ERROR. */
  readonly invalid: ReadonlyMap<string, string>;
  /** Every flag key, sorted: the order of bulk answers. */
  readonly keys: readonly string[];
  /** Every attribute path some flag reads (segments included). */
  readonly attributes: ReadonlySet<string>;
  /** JSON of each flag's source, to recompile only what changed. */
  readonly sources: ReadonlyMap<string, string>;
  readonly segmentsSource: string;
};

export type SnapshotCache = {
  /** The held snapshot if it was confirmed within the check interval, without waiting. */
  readonly peek: (environment: string) => CompiledSnapshot | undefined;
  readonly get: (environment: string) => Promise<CompiledSnapshot | undefined>;
};

export type SnapshotCacheOptions = {
  readonly checkEveryMs: number;
  readonly now?: () => number;
  readonly onError?: (error: unknown, environment: string) => void;
  /** Where `cache_lookups` (cache "snapshot") and each environment's `snapshot_age` are recorded. */
  readonly metrics?: MetricsRecorder;
};

function compileSnapshot(snapshot: Snapshot, previous: CompiledSnapshot | undefined, now: number): CompiledSnapshot {
  const segments: Record<string, Segment> = Object.fromEntries(snapshot.segments.map((s) => [s.key, s]));
  const flagsByKey: Record<string, Flag> = Object.fromEntries(snapshot.flags.map((f) => [f.key, f]));
  const segmentsSource = JSON.stringify(snapshot.segments);
  const reuse = previous !== undefined && previous.segmentsSource === segmentsSource;
  const flags = new Map<string, CompiledFlag>();
  const invalid = new Map<string, string>(snapshot.corrupt.map((c) => [c.id.replace(/^flags\//, ''), c.problem]));
  const sources = new Map<string, string>();
  for (const doc of snapshot.flags) {
    const source = JSON.stringify(doc);
    sources.set(doc.key, source);
    const held = reuse && !doc.prerequisites?.length && previous.sources.get(doc.key) === source ? previous.flags.get(doc.key) : undefined;
    if (held) {
      flags.set(doc.key, held);
      continue;
    }
    const compiled = compileFlag(doc, { segments, flags: flagsByKey });
    if (compiled.ok) flags.set(doc.key, compiled.flag);
    else invalid.set(doc.key, compiled.errors.map((e) => `${e.path} ${e.message}`).join('; '));
  }
  const keys = [...new Set([...flags.keys(), ...invalid.keys()])].sort();
  const attributes = new Set([...flags.values()].flatMap((flag) => flag.attributes));
  return { environment: snapshot.environment, version: snapshot.version, confirmedAt: now, flags, invalid, keys, attributes, sources, segmentsSource };
}

export function createSnapshotCache(store: FlagStore, options: SnapshotCacheOptions): SnapshotCache {
  const now = options.now ?? Date.now;
  const held = new Map<string, CompiledSnapshot>();
  const pending = new Map<string, Promise<CompiledSnapshot | undefined>>();
  /** When a check last failed: the next is not tried before `checkEveryMs` (a down store is not hammered). */
  const failedAt = new Map<string, number>();
  const hit = options.metrics?.counter('cache_lookups', { cache: 'snapshot', result: 'hit' });
  const miss = options.metrics?.counter('cache_lookups', { cache: 'snapshot', result: 'miss' });
  // Age since the snapshot was last confirmed against its source: what STALE and its alert watch.
  options.metrics?.sampleOnDrain(() => {
    for (const [environment, snapshot] of held) options.metrics!.gauge('snapshot_age', { environment }, Math.max(0, now() - snapshot.confirmedAt) / 1000);
  });

  async function refresh(environment: string): Promise<CompiledSnapshot | undefined> {
    const current = held.get(environment);
    try {
      const version = await store.version(environment);
      if (version === undefined) {
        held.delete(environment);
        return undefined;
      }
      failedAt.delete(environment);
      if (current && current.version === version) {
        const confirmed = { ...current, confirmedAt: now() };
        held.set(environment, confirmed);
        return confirmed;
      }
      const snapshot = await store.snapshot(environment);
      if (!snapshot) return undefined;
      const compiled = compileSnapshot(snapshot, current, now());
      held.set(environment, compiled);
      failedAt.delete(environment);
      return compiled;
    } catch (error) {
      failedAt.set(environment, now());
      options.onError?.(error, environment);
      // Last known good: a failing store leaves the held snapshot serving, unconfirmed.
      if (current) return current;
      throw error;
    }
  }

  const confirmed = (environment: string) => {
    const snapshot = held.get(environment);
    return snapshot && now() - snapshot.confirmedAt < options.checkEveryMs ? snapshot : undefined;
  };

  function load(environment: string): Promise<CompiledSnapshot | undefined> {
    const inFlight = pending.get(environment);
    if (inFlight) return inFlight;
    const loading = refresh(environment).finally(() => pending.delete(environment));
    pending.set(environment, loading);
    return loading;
  }

  return {
    // A miss here is counted by the `get` that follows it.
    peek: (environment) => {
      const fresh = confirmed(environment);
      if (fresh) hit?.();
      return fresh;
    },
    get: (environment) => {
      const fresh = confirmed(environment);
      if (fresh) {
        hit?.();
        return Promise.resolve(fresh);
      }
      const stale = held.get(environment);
      if (!stale) {
        miss?.();
        return load(environment);
      }
      hit?.();
      // Evaluations never wait on the store once a snapshot is held: check in the background.
      const failed = failedAt.get(environment);
      if (failed === undefined || now() - failed >= options.checkEveryMs) load(environment).catch(() => undefined);
      return Promise.resolve(stale);
    },
  };
}
