// Behavioural attributes for an evaluation: fetched (one call, cached briefly per user) only when
// a flag to be evaluated reads `behavior.*`; every other evaluation stays synchronous. Counts the
// server read replace any the client sent; a failed read leaves them missing.

import type { CompiledSnapshot } from '../../shared/cache/snapshot-cache.ts';
import type { BehaviorWant } from '../../shared/cache/behavior-counters.ts';
import type { MaybePromise } from '../../shared/http/maybe-async.ts';
import type { CompiledFlag, Context } from '../../shared/rules/index.ts';
import type { EvaluateDeps } from './request-context.ts';

const NONE: readonly BehaviorWant[] = [];

/** A flag's counters, its prerequisites' included (they are evaluated with the same context). */
export function wantsOf(flag: CompiledFlag | undefined, seen = new Set<string>()): readonly BehaviorWant[] {
  if (!flag || seen.has(flag.key)) return NONE;
  seen.add(flag.key);
  const inherited = flag.prerequisites.flatMap((p) => wantsOf(p.flag, seen));
  return inherited.length === 0 ? flag.behavior : dedupe([...flag.behavior, ...inherited]);
}

const bySnapshot = new WeakMap<CompiledSnapshot, readonly BehaviorWant[]>();

/** Every counter any flag of the snapshot reads: what a bulk evaluation fetches. */
export function snapshotWants(snapshot: CompiledSnapshot): readonly BehaviorWant[] {
  let wants = bySnapshot.get(snapshot);
  if (!wants) {
    wants = dedupe([...snapshot.flags.values()].flatMap((f) => f.behavior));
    bySnapshot.set(snapshot, wants);
  }
  return wants;
}

export function dedupe(wants: readonly BehaviorWant[]): readonly BehaviorWant[] {
  const byId = new Map(wants.map((w) => [`${w.event}/${w.days}`, w]));
  return byId.size === 0 ? NONE : [...byId.values()];
}

export function withBehavior(context: Context, wants: readonly BehaviorWant[], environment: string, now: number, deps: EvaluateDeps): MaybePromise<Context> {
  const targetingKey = context.targetingKey;
  if (wants.length === 0 || !deps.behavior || typeof targetingKey !== 'string') return context;
  return deps.behavior.counts(environment, targetingKey, wants, now).then(
    (behavior): Context => ({ ...context, behavior }),
    (): Context => {
      const { behavior: _ignored, ...rest } = context;
      return rest;
    },
  );
}
