// One flag across environments, pure: a row per environment (on or off, default, rules in words,
// version) and what promoting it from one environment to another would change, in words. The
// differences are computed as the admin API's history diff computes them (shared diffJson, the
// stamped version left out), so a promotion reads like a history entry.

import { readableDiff } from '../../../../shared/store/diff.ts';
import { changesInWords, conditionWords, serveWords, type Change, type ChangeInWords } from './change-words.ts';

type FlagDoc = { readonly enabled?: boolean; readonly defaultVariant?: string; readonly offVariant?: string; readonly rules?: readonly { id?: string; when?: unknown; serve?: unknown }[] } & Readonly<Record<string, unknown>>;

/** A flag as one environment holds it; null when the environment has no such flag. */
export type StoredFlag = { readonly version: number; readonly document: FlagDoc; readonly updatedAt: string; readonly updatedBy: string } | null;

export type CompareRow = {
  readonly env: string;
  readonly present: boolean;
  readonly enabled: boolean | null;
  readonly defaultVariant: string | null;
  readonly rules: readonly string[];
  readonly version: number | null;
  readonly updatedAt: string | null;
  readonly updatedBy: string | null;
  /** Differs from the reference environment's flag (the one on screen). */
  readonly differs: boolean;
};

/** The changes that turn `target` into `source` (null target: the flag would be created). */
export function flagChanges(source: FlagDoc | undefined, target: FlagDoc | undefined): Change[] {
  return readableDiff(target, source);
}

/** A rule as one line: `eu-pros: when plan is pro and geo.country is one of DE, FR, serve on`. */
export const ruleWords = (rule: { id?: string; when?: unknown; serve?: unknown }, index: number) => `${rule.id ?? `rule ${index + 1}`}: when ${conditionWords(rule.when)}, serve ${serveWords(rule.serve)}`;

export function compareRows(flags: readonly (readonly [env: string, stored: StoredFlag])[], reference: string): CompareRow[] {
  const ref = flags.find(([env]) => env === reference)?.[1] ?? null;
  return flags.map(([env, stored]) => ({
    env,
    present: stored !== null,
    enabled: stored ? stored.document.enabled === true : null,
    defaultVariant: stored?.document.defaultVariant ?? null,
    rules: (stored?.document.rules ?? []).map(ruleWords),
    version: stored?.version ?? null,
    updatedAt: stored?.updatedAt ?? null,
    updatedBy: stored?.updatedBy ?? null,
    differs: env !== reference && flagChanges(ref?.document, stored?.document).length > 0,
  }));
}

export type Promotion = { readonly from: string; readonly to: string; readonly creates: boolean; readonly changes: readonly ChangeInWords[] };

/** What copying the flag of `from` over the one of `to` would change in `to`, sentence by sentence. */
export function promotion(from: string, source: StoredFlag, to: string, target: StoredFlag): Promotion {
  if (source === null) throw new Error(`no flag in ${from} to promote`);
  const changes = target === null ? [] : changesInWords(flagChanges(source.document, target.document), target.document, source.document);
  return { from, to, creates: target === null, changes };
}
