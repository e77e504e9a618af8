// The flag-level regex budget: every `matches` clause a flag can evaluate, through its segments
// too, adds the weighted size of its pattern's program. One clause under its own limit costs at
// most so much per input character; thirty of them in one flag would still stall an evaluation.

import { LIMITS } from '../limits.ts';
import { specOf } from '../operators.ts';
import { issue, type PathSegment } from '../issues.ts';
import { programSize } from '../regex/size.ts';
import type { Condition, Flag, Segment } from '../schema.ts';
import { clausesOf, segmentRefs, type Findings } from './conditions.ts';

/**
 * The weighted regex size of one condition's own clauses (segments not followed). A pattern over
 * its own limits is left out: its clause is refused already, and one refusal says it best.
 */
function conditionSize(condition: Condition): number {
  let total = 0;
  for (const { clause } of clausesOf(condition)) {
    if (specOf(clause.op).operand !== 'regex' || typeof clause.value !== 'string' || clause.value.length > LIMITS.regexLength) continue;
    const { weight } = programSize(clause.value);
    if (weight <= LIMITS.regexProgramSize) total += weight;
  }
  return total;
}

/** Segment keys reachable from `start`, each once (cycles are reported elsewhere). */
function reachableSegments(start: Iterable<string>, segments: Readonly<Record<string, Segment>>): Set<string> {
  const seen = new Set<string>();
  const queue = [...start];
  for (let key = queue.pop(); key !== undefined; key = queue.pop()) {
    if (seen.has(key) || !Object.hasOwn(segments, key)) continue;
    seen.add(key);
    queue.push(...segmentRefs(segments[key]!.when));
  }
  return seen;
}

/** Refuses a flag whose regex clauses, its segments' included, weigh more than the flag limit. */
export function checkRegexBudget(flag: Flag, segments: Readonly<Record<string, Segment>> | undefined, out: Findings): void {
  const rules = flag.rules ?? [];
  let total = 0;
  const refs = new Set<string>();
  for (const rule of rules) {
    if (!rule.when) continue;
    total += conditionSize(rule.when);
    segmentRefs(rule.when, refs);
  }
  // A segment is counted once however many rules name it: its clauses are compiled once.
  const through = segments ? [...reachableSegments(refs, segments)].reduce((sum, key) => sum + conditionSize(segments[key]!.when), 0) : 0;
  total += through;
  if (total <= LIMITS.regexProgramSizePerFlag) return;
  const at: PathSegment[] = ['rules'];
  const via = through > 0 ? ` (${through} through segments)` : '';
  out.errors.push(issue(at, 'REGEX_BUDGET_EXCEEDED', `the flag's regex clauses compile to ${total} weighted instructions together${via}; the limit per flag is ${LIMITS.regexProgramSizePerFlag}, ${total - LIMITS.regexProgramSizePerFlag} over`));
}
