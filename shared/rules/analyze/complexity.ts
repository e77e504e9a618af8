// The complexity score of a flag: roughly what one evaluation costs and what a reader has to hold
// in mind, so the console can flag rules worth simplifying.
//
//   flag       = 1 + Σ rule + 2 × prerequisites + 0.5 if the flag has a schedule
//   rule       = 1 + condition (0 without one) + serve + 0.5 if the rule has a schedule
//   serve      = 0 for one variant; 1 + 0.5 × split entries for a rollout
//   condition  = clause | group | not | segment
//   clause     = cost (OPERATOR_SPECS) + log2(1 + list size) for list operands
//                + regex length / 32 for `matches`
//   group      = 0.5 + Σ children (`all` and `any`)
//   not        = 0.25 + inner
//   segment    = 1 + the segment's condition, resolved through `segments`
//                (1 alone when unknown, or when already being counted: a cycle)
//
// Every term is positive and none shrinks as a rule grows, so the score is deterministic and
// monotone: adding a clause, a list value, a rule or a prerequisite never lowers it. Rounded to
// two decimals, which keeps that order.

import { specOf } from '../operators.ts';
import type { Clause, Condition, Flag, Rule, Segment } from '../schema.ts';

type Segments = Readonly<Record<string, Segment>>;

function clauseScore(clause: Clause): number {
  const list = Array.isArray(clause.value) && specOf(clause.op).operand === 'scalarList' ? Math.log2(1 + clause.value.length) : 0;
  const regex = specOf(clause.op).operand === 'regex' && typeof clause.value === 'string' ? clause.value.length / 32 : 0;
  return specOf(clause.op).cost + list + regex;
}

/** `scored` remembers each segment's score: a segment referenced many times (or through a chain) is scored once. */
function conditionScore(condition: Condition, segments: Segments, counting: readonly string[], scored: Map<string, number>): number {
  if ('all' in condition) return 0.5 + condition.all.reduce((sum, c) => sum + conditionScore(c, segments, counting, scored), 0);
  if ('any' in condition) return 0.5 + condition.any.reduce((sum, c) => sum + conditionScore(c, segments, counting, scored), 0);
  if ('not' in condition) return 0.25 + conditionScore(condition.not, segments, counting, scored);
  if ('segment' in condition) {
    const key = condition.segment;
    const known = scored.get(key);
    if (known !== undefined) return known;
    const segment = Object.hasOwn(segments, key) ? segments[key] : undefined;
    if (!segment || counting.includes(key)) return 1;
    const score = 1 + conditionScore(segment.when, segments, [...counting, key], scored);
    scored.set(key, score);
    return score;
  }
  return clauseScore(condition);
}

function ruleScore(rule: Rule, segments: Segments, scored: Map<string, number>): number {
  const condition = rule.when ? conditionScore(rule.when, segments, [], scored) : 0;
  const serve = 'rollout' in rule.serve ? 1 + 0.5 * rule.serve.rollout.split.length : 0;
  return 1 + condition + serve + (rule.schedule ? 0.5 : 0);
}

/** The complexity score of a flag; see the formula above. */
export function complexityOf(flag: Flag, segments: Segments = {}): number {
  const scored = new Map<string, number>();
  const rules = (flag.rules ?? []).reduce((sum, rule) => sum + ruleScore(rule, segments, scored), 0);
  const score = 1 + rules + 2 * (flag.prerequisites?.length ?? 0) + (flag.schedule ? 0.5 : 0);
  return Math.round(score * 100) / 100;
}
