// The port where the aggregator keeps its state, atomically: the console's usage rollups (per
// flag and minute: variants, reasons, rules), experiment exposure totals, the ledger of applied
// message ids, the outbox of Monitoring requests not yet written, and the watermark. One commit
// writes all of them or none, so a crash anywhere after it neither loses nor doubles a count.

import type { TimeSeries } from './time-series.ts';
import { addCount } from '../rules/own.ts';

/** What one flag did in one minute of one environment (increments on write, totals on read). */
export type FlagMinute = {
  readonly environment: string;
  readonly flag: string;
  /** Epoch ms of the minute's start. */
  readonly minute: number;
  readonly evaluations: number;
  readonly errors: number;
  readonly variants: Readonly<Record<string, number>>;
  readonly reasons: Readonly<Record<string, number>>;
  readonly rules: Readonly<Record<string, number>>;
  /** Evaluations served by a split, per variant: a release plan's exposures. */
  readonly splits?: Readonly<Record<string, number>>;
  /** Tracked events attributed to the variant served, per event and variant (release guards). */
  readonly events?: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** The moments of tracked events' values, per event and variant. */
  readonly values?: Readonly<Record<string, Readonly<Record<string, Moments>>>>;
};

export type Moments = { readonly count: number; readonly sum: number; readonly sumSq: number };

export type ExperimentRef = { readonly environment: string; readonly experiment: string };
/** All exposures of an experiment since its first, by variant. */
export type ExperimentTotals = ExperimentRef & { readonly exposures: Readonly<Record<string, number>> };

export const experimentId = (ref: ExperimentRef): string => `${ref.environment}\u0001${ref.experiment}`;

export type CommitState = {
  /** The ids of the commit that were never applied before. */
  readonly fresh: ReadonlySet<string>;
  readonly watermark: number | undefined;
  /** Current totals of the experiments the commit named, by experimentId(). */
  readonly totals: ReadonlyMap<string, ExperimentTotals>;
};

export type CommitPlan = {
  readonly flagMinutes: readonly FlagMinute[];
  /** New totals (replacing the old) of experiments that changed. */
  readonly experiments: readonly ExperimentTotals[];
  /** Monitoring requests, in order, to wait in the outbox until written. */
  readonly requests: readonly (readonly TimeSeries[])[];
  readonly watermark: number | undefined;
};

export type OutboxEntry = { readonly id: string; readonly series: readonly TimeSeries[]; readonly attempts: number };

export type RollupStore = {
  /**
   * In one transaction: reads the ledger for `messageIds`, the watermark and the named
   * experiments' totals; calls `plan` (pure: it may run again when the transaction retries);
   * writes what it returns and ledgers `messageIds`. Resolves with the plan and its outbox ids.
   */
  readonly commit: <P extends CommitPlan>(input: { messageIds: readonly string[]; experiments: readonly ExperimentRef[] }, plan: (state: CommitState) => P) => Promise<{ plan: P; outbox: readonly string[] }>;
  /** Outbox entries not yet written, oldest first. */
  readonly pending: () => Promise<readonly OutboxEntry[]>;
  readonly written: (outboxId: string) => Promise<void>;
  readonly failed: (outboxId: string) => Promise<void>;
  /** Minutes of one flag in [from, to), oldest first: what the console charts. */
  readonly flagMinutes: (environment: string, flag: string, from: number, to: number) => Promise<readonly FlagMinute[]>;
  /** Minutes of every flag of an environment in [from, to), oldest first: what the release step folds, one query per environment. */
  readonly environmentMinutes: (environment: string, from: number, to: number) => Promise<readonly FlagMinute[]>;
  /** The start of a flag's latest minute before `before` (any evaluation in it), or undefined when none: "not evaluated since". One read. */
  readonly lastFlagMinute: (environment: string, flag: string, before: number) => Promise<number | undefined>;
  readonly experiment: (ref: ExperimentRef) => Promise<ExperimentTotals | undefined>;
};

/** Adds one rollup increment into another (same flag and minute). */
export function addFlagMinute(into: FlagMinute | undefined, add: FlagMinute): FlagMinute {
  if (!into) return structuredClone(add);
  const sum = (a: Readonly<Record<string, number>>, b: Readonly<Record<string, number>>) => {
    const out = { ...a };
    for (const [k, v] of Object.entries(b)) addCount(out, k, v);
    return out;
  };
  const nested = <T>(a: Readonly<Record<string, Readonly<Record<string, T>>>> | undefined, b: Readonly<Record<string, Readonly<Record<string, T>>>> | undefined, plus: (x: T | undefined, y: T) => T) => {
    if (!a && !b) return undefined;
    const out: Record<string, Record<string, T>> = {};
    for (const source of [a ?? {}, b ?? {}]) {
      for (const [event, byVariant] of Object.entries(source)) {
        const into = (out[event] ??= {});
        for (const [variant, v] of Object.entries(byVariant)) into[variant] = plus(into[variant], v);
      }
    }
    return out;
  };
  const splits = into.splits || add.splits ? sum(into.splits ?? {}, add.splits ?? {}) : undefined;
  const events = nested(into.events, add.events, (x, y) => (x ?? 0) + y);
  const values = nested(into.values, add.values, (x, y) => ({ count: (x?.count ?? 0) + y.count, sum: (x?.sum ?? 0) + y.sum, sumSq: (x?.sumSq ?? 0) + y.sumSq }));
  return {
    ...into, evaluations: into.evaluations + add.evaluations, errors: into.errors + add.errors, variants: sum(into.variants, add.variants), reasons: sum(into.reasons, add.reasons), rules: sum(into.rules, add.rules),
    ...(splits ? { splits } : {}), ...(events ? { events } : {}), ...(values ? { values } : {}),
  };
}
