// Analysis of a valid flag: its complexity score, and the conflicts among its rules (unreachable,
// shadowed, contradictory, overlapping) and variants (unused), each explained in plain words.
// Every conflict reported is real; some real ones go unreported rather than risk a false alarm.

import type { Issue } from '../issues.ts';
import type { Flag, Segment } from '../schema.ts';
import { complexityOf } from './complexity.ts';
import { expandedSize } from '../expansion.ts';
import { LIMITS } from '../limits.ts';
import { contradictions } from './contradictions.ts';
import { ruleForms } from './forms.ts';
import { overlaps } from './overlaps.ts';
import { reachability } from './reachability.ts';
import { unusedVariants } from './unused-variants.ts';

export type AnalyzeOptions = {
  /** Segments the flag references; without them a segment is an opaque condition. */
  readonly segments?: Readonly<Record<string, Segment>>;
  /**
   * A caller's deadline, asked before each rule of each pass: analysis is bounded by its step
   * budgets, but a caller answering a request bounds wall time too. The core reads no clock.
   */
  readonly stop?: () => boolean;
};

export type Analysis = {
  readonly complexity: number;
  readonly conflicts: Issue[];
  /** Present when `stop` ended the analysis: the conflicts found so far are not the whole story. */
  readonly stopped?: { readonly rulesDone: number };
};

export function analyze(flag: Flag, options: AnalyzeOptions = {}): Analysis {
  const segments = options.segments ?? {};
  if (tooLargeToAnalyse(flag, segments)) return { complexity: LIMITS.expandedConditionNodes, conflicts: [] };
  const complexity = complexityOf(flag, segments);
  const stop = options.stop ?? never;
  const forms = ruleForms(flag, segments);
  const reached = reachability(forms, stop);
  if (reached.stoppedAt !== undefined) return { complexity, conflicts: [], stopped: { rulesDone: reached.stoppedAt } };
  const overlapping = overlaps(forms, reached.dead, segments, stop);
  if (overlapping.stoppedAt !== undefined) return { complexity, conflicts: [], stopped: { rulesDone: overlapping.stoppedAt } };
  const conflicts = [...reached.issues, ...contradictions(forms), ...overlapping.issues, ...unusedVariants(flag, forms, reached.dead)];
  return { complexity, conflicts: conflicts.sort((a, b) => Number(sortKey(a.path) > sortKey(b.path)) - Number(sortKey(a.path) < sortKey(b.path))) };
}

/** A flag's complexity score alone, without the analysis of its rules. */
export function flagComplexity(flag: Flag, segments: Readonly<Record<string, Segment>> = {}): number {
  return tooLargeToAnalyse(flag, segments) ? LIMITS.expandedConditionNodes : complexityOf(flag, segments);
}

/**
 * Analysis inlines segments: a flag whose conditions validation refuses as too large once inlined
 * is not analysed (validation says why), and scores as its limit.
 */
function tooLargeToAnalyse(flag: Flag, segments: Readonly<Record<string, Segment>>): boolean {
  const memo = new Map<string, number>();
  return (flag.rules ?? []).some((rule) => rule.when !== undefined && expandedSize(rule.when, segments, memo) > LIMITS.expandedConditionNodes);
}

const never = () => false;

/** Conflicts in document order: `/rules/2` before `/rules/2/when` before `/rules/10`. */
function sortKey(path: string): string {
  return path.replace(/\d+/g, (n) => n.padStart(6, '0'));
}
