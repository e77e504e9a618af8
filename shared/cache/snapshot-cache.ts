// The evaluate function's compiled snapshot of each environment, held in memory, under the
// freshness contract (README "Freshness"): an answer never comes from a snapshot confirmed longer
// ago than `maxStalenessMs` without first confirming the environment's version, and a change
// announced by the change feed (or by a client's flagConfigEtag) is loaded before the next answer.
//
// Confirmation happens on the request path, never on a timer: Cloud Run throttles CPU between
// requests. It is single-flight per environment, and an answer waits for it at most
// `confirmDeadlineMs` after it began; past that, or while the store is failing, the held snapshot
// answers (and the caller marks it STALE once it is older than the bound).

import type { ChangeFeed } from './change-feed.ts';
import { compileSnapshot, type CompiledSnapshot } from './compile-snapshot.ts';
import type { FlagStore } from '../store/ports.ts';
import type { MetricsRecorder } from '../telemetry/recorder.ts';

export type { CompiledSnapshot } from './compile-snapshot.ts';

export type SnapshotCache = {
  /** The held snapshot when it may answer without any store call: confirmed within the bound, nothing newer known. */
  readonly peek: (environment: string) => CompiledSnapshot | undefined;
  /**
   * The snapshot to answer from: at least version `atLeast` when the store has it, confirmed within
   * the bound (and after `confirmedAfter`, epoch ms, when given) unless the confirmation missed its
   * deadline or the store is failing.
   */
  readonly get: (environment: string, atLeast?: number, confirmedAfter?: number) => Promise<CompiledSnapshot | undefined>;
  /** Stops listening to the change feed. */
  readonly close: () => void;
  /** The bound it keeps: an answer from a snapshot confirmed longer ago says STALE. */
  readonly maxStalenessMs: number;
};

export type SnapshotCacheOptions = {
  /** SWITCHYARD_MAX_STALENESS_MS: the oldest confirmation an answer may rest on. */
  readonly maxStalenessMs: number;
  /** SWITCHYARD_CONFIRM_DEADLINE_MS: how long after a confirmation began answers wait for it (default 250). */
  readonly confirmDeadlineMs?: number;
  /**
   * Past this age a request starts a confirmation without waiting for it, so a busy instance stays
   * well inside the bound and rarely makes anyone wait. Default: a quarter of the bound.
   */
  readonly refreshAfterMs?: number;
  readonly now?: () => number;
  readonly onError?: (error: unknown, environment: string) => void;
  /** Where cache lookups, confirmations, notice delays and each environment's `snapshot_age` are recorded. */
  readonly metrics?: MetricsRecorder;
  /** Notices of changes: the announced version is loaded before the next answer (and at once in the background). */
  readonly changes?: Pick<ChangeFeed, 'subscribe'>;
  /** A confirmation found a version that no notice announced: the feed may have gone deaf. */
  readonly onUnannounced?: (environment: string) => void;
};

type Check = { readonly promise: Promise<CompiledSnapshot | undefined>; readonly startedAt: number; readonly atLeast: number };

export function createSnapshotCache(store: FlagStore, options: SnapshotCacheOptions): SnapshotCache {
  const now = options.now ?? Date.now;
  const { maxStalenessMs, metrics } = options;
  const confirmDeadlineMs = options.confirmDeadlineMs ?? 250;
  const refreshAfterMs = options.refreshAfterMs ?? maxStalenessMs / 4;
  const held = new Map<string, CompiledSnapshot>();
  /** The newest version a notice (or a client) said exists, while the held snapshot is older. */
  const announced = new Map<string, number>();
  const checks = new Map<string, Check>();
  /** When a check last failed: until one succeeds, answers never wait, and checks run at most once per bound. */
  const failedAt = new Map<string, number>();
  const hit = metrics?.counter('cache_lookups', { cache: 'snapshot', result: 'hit' });
  const miss = metrics?.counter('cache_lookups', { cache: 'snapshot', result: 'miss' });
  metrics?.sampleOnDrain(() => {
    for (const [environment, snapshot] of held) metrics.gauge('snapshot_age', { environment }, Math.max(0, now() - snapshot.confirmedAt) / 1000);
  });

  async function confirm(environment: string, atLeast: number): Promise<CompiledSnapshot | undefined> {
    const startedAt = now();
    const current = held.get(environment);
    try {
      const version = await store.version(environment, atLeast);
      failedAt.delete(environment);
      if (version === undefined) {
        held.delete(environment);
        announced.delete(environment);
        return undefined;
      }
      // The source of truth has nothing newer than this: whatever announced more was wrong.
      if (version < atLeast) announced.delete(environment);
      if (current && current.version === version) {
        const confirmed = { ...current, confirmedAt: startedAt };
        held.set(environment, confirmed);
        return confirmed;
      }
      if (current && version > current.version && (announced.get(environment) ?? 0) < version) options.onUnannounced?.(environment);
      const snapshot = await store.snapshot(environment);
      if (!snapshot) return undefined;
      const compiled = compileSnapshot(snapshot, current, startedAt);
      held.set(environment, compiled);
      if ((announced.get(environment) ?? 0) <= compiled.version) announced.delete(environment);
      return compiled;
    } catch (error) {
      failedAt.set(environment, now());
      options.onError?.(error, environment);
      // Last known good: a failing store leaves the held snapshot serving, unconfirmed.
      if (current) return current;
      // Cold and unconfirmable (Firestore down, Redis's trusted version expired): the tier's last
      // snapshot, stamped with its version, answers, marked as never confirmed (so STALE).
      const known = await store.snapshot(environment).catch(() => undefined);
      if (!known) throw error;
      const compiled = compileSnapshot(known, undefined, Number.NEGATIVE_INFINITY);
      held.set(environment, compiled);
      return compiled;
    }
  }

  /** Single-flight: a check already under way serves every caller it satisfies; a caller wanting more runs one after it. */
  function check(environment: string, atLeast: number): Check {
    const running = checks.get(environment);
    if (running && running.atLeast >= atLeast) return running;
    return queue(environment, atLeast, (previous) => previous !== undefined && previous.version >= atLeast);
  }

  /** A check that begins now, after any running one, whatever that one finds. */
  function startNew(environment: string, atLeast: number): Check {
    return queue(environment, atLeast, () => false);
  }

  /**
   * Registers the environment's next check: at once when nothing runs (its version read then
   * begins at this request's arrival), else after the running one unless `satisfied` by its result.
   */
  function queue(environment: string, atLeast: number, satisfied: (previous: CompiledSnapshot | undefined) => boolean): Check {
    const running = checks.get(environment);
    const startedAt = now();
    const started = running
      ? running.promise.catch(() => undefined).then((previous) => (satisfied(previous) ? previous : confirm(environment, atLeast)))
      : confirm(environment, atLeast);
    const promise = started.finally(() => {
      if (checks.get(environment) === next) checks.delete(environment);
    });
    const next: Check = { promise, startedAt, atLeast };
    checks.set(environment, next);
    return next;
  }

  function inBackground(environment: string, atLeast: number): void {
    const failed = failedAt.get(environment);
    if (failed !== undefined && now() - failed < maxStalenessMs) return;
    if (checks.has(environment) && checks.get(environment)!.atLeast >= atLeast) return;
    check(environment, atLeast).promise.catch(() => undefined);
  }

  /** A version a notice announced beyond the held one (the map is empty but for moments after a change). */
  const announcedFor = (environment: string) => (announced.size === 0 ? 0 : (announced.get(environment) ?? 0));
  const needed = (environment: string, atLeast: number) => Math.max(atLeast, announcedFor(environment));
  const answers = (snapshot: CompiledSnapshot | undefined, need: number, at: number): snapshot is CompiledSnapshot =>
    snapshot !== undefined && snapshot.version >= need && at - snapshot.confirmedAt <= maxStalenessMs;

  /** Waits for the check until `confirmDeadlineMs` after it began, then answers from what is held. */
  function waitFor(environment: string, running: Check, fallback: CompiledSnapshot): Promise<CompiledSnapshot> {
    const started = now();
    const left = running.startedAt + confirmDeadlineMs - started;
    const outcome = (name: 'fresh' | 'deadline' | 'stale') => {
      metrics?.count('snapshot_confirmations', { environment, outcome: name });
      metrics?.observe('snapshot_confirmation_wait', { environment }, now() - started);
    };
    if (left <= 0) {
      outcome('deadline');
      return Promise.resolve(held.get(environment) ?? fallback);
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<'deadline'>((resolve) => {
      timer = setTimeout(() => resolve('deadline'), left);
      timer.unref?.();
    });
    return Promise.race([running.promise.catch(() => undefined), deadline]).then((result) => {
      clearTimeout(timer);
      if (result === 'deadline') {
        outcome('deadline');
        return held.get(environment) ?? fallback;
      }
      outcome(failedAt.has(environment) ? 'stale' : 'fresh');
      return result ?? held.get(environment) ?? fallback;
    });
  }

  const unsubscribe = options.changes?.subscribe((change) => {
    metrics?.observe('change_notice_delay', { function: 'evaluate' }, Math.max(0, now() - change.at));
    const current = held.get(change.environment);
    if (!current || current.version >= change.version) return;
    announced.set(change.environment, Math.max(change.version, announced.get(change.environment) ?? 0));
    // The instance may have CPU now (a busy instance, or a stream open): then the next answer finds it loaded.
    inBackground(change.environment, change.version);
  });

  return {
    // A miss here is counted by the `get` that follows it.
    peek: (environment) => {
      const snapshot = held.get(environment);
      const at = now();
      if (!answers(snapshot, announcedFor(environment), at)) return undefined;
      hit?.();
      if (at - snapshot.confirmedAt > refreshAfterMs) inBackground(environment, 0);
      return snapshot;
    },
    get: (environment, atLeast = 0, confirmedAfter = -Infinity) => {
      const snapshot = held.get(environment);
      const need = needed(environment, atLeast);
      const at = now();
      if (answers(snapshot, need, at) && snapshot.confirmedAt >= confirmedAfter) {
        hit?.();
        if (at - snapshot.confirmedAt > refreshAfterMs) inBackground(environment, 0);
        return Promise.resolve(snapshot);
      }
      if (!snapshot) {
        miss?.();
        return check(environment, need).promise;
      }
      hit?.();
      // A failing store is never waited for: answer from what is held, check again once per bound.
      if (failedAt.has(environment)) {
        inBackground(environment, need);
        metrics?.count('snapshot_confirmations', { environment, outcome: 'stale' });
        return Promise.resolve(snapshot);
      }
      // A check begun before `confirmedAfter` cannot vouch for it: one that begins now can.
      const running = checks.get(environment);
      const usable = running && running.startedAt >= confirmedAfter ? check(environment, need) : startNew(environment, need);
      return waitFor(environment, usable, snapshot);
    },
    close: () => unsubscribe?.(),
    maxStalenessMs,
  };
}
