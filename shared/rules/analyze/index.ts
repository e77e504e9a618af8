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
};

export type Analysis = { readonly complexity: number; readonly conflicts: Issue[] };

export function analyze(flag: Flag, options: AnalyzeOptions = {}): Analysis {
  const segments = options.segments ?? {};
  // Analysis inlines segments: a flag whose conditions validation refuses as too large once
  // inlined is not analysed (validation says why), and scores as its limit.
  const memo = new Map<string, number>();
  if ((flag.rules ?? []).some((rule) => rule.when && expandedSize(rule.when, segments, memo) > LIMITS.expandedConditionNodes)) {
    return { complexity: LIMITS.expandedConditionNodes, conflicts: [] };
  }
  const forms = ruleForms(flag, segments);
  const { issues: reach, dead } = reachability(forms);
  const conflicts = [...reach, ...contradictions(forms), ...overlaps(forms, dead, segments), ...unusedVariants(flag, forms, dead)];
  return { complexity: complexityOf(flag, segments), conflicts: conflicts.sort((a, b) => Number(sortKey(a.path) > sortKey(b.path)) - Number(sortKey(a.path) < sortKey(b.path))) };
}

/** Conflicts in document order: `/rules/2` before `/rules/2/when` before `/rules/10`. */
function sortKey(path: string): string {
  return path.replace(/\d+/g, (n) => n.padStart(6, '0'));
}
