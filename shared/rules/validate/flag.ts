// The checks a flag and a segment need beyond their shape: variants, rules, splits, schedules,
// references, cycles and limits. Errors only; analysis adds the warnings.

import { LIMITS } from '../limits.ts';
import { issue, type PathSegment } from '../issues.ts';
import type { AttributeDefinition, Condition, Flag, Rule, Schedule, Segment } from '../schema.ts';
import { expandedSize } from '../expansion.ts';
import { toEpochMs } from '../values.ts';
import { checkTopCondition, segmentRefs, type ConditionScope, type Findings } from './conditions.ts';
import { findCycle, prerequisiteEdges, segmentEdges } from './references.ts';
import { checkRegexBudget } from './regex-budget.ts';

export type ReferenceScope = {
  readonly segments?: Readonly<Record<string, Segment>>;
  readonly flags?: Readonly<Record<string, Flag>>;
  readonly catalogue?: ReadonlyMap<string, AttributeDefinition>;
};

/** Weight in thousandths of a percent, or undefined past three decimals. */
export function weightThousandths(weight: number): number | undefined {
  const t = Math.round(weight * 1000);
  return Math.abs(t - weight * 1000) < 1e-6 ? t : undefined;
}

export function checkSchedule(schedule: Schedule, at: readonly PathSegment[], out: Findings): void {
  const bound = (key: 'from' | 'until') => {
    const raw = schedule[key];
    if (raw === undefined) return undefined;
    const ms = toEpochMs(raw);
    if (ms === undefined) out.errors.push(issue([...at, key], 'INVALID_DATE', `${JSON.stringify(raw)} is not an RFC 3339 timestamp with an explicit offset or epoch milliseconds`));
    return ms;
  };
  const from = bound('from');
  const until = bound('until');
  if (from !== undefined && until !== undefined && from >= until) {
    out.errors.push(issue([...at, 'until'], 'INVALID_SCHEDULE', '"until" must be later than "from"'));
  }
}

function checkVariant(flag: Flag, variant: string, at: readonly PathSegment[], out: Findings): void {
  if (!Object.hasOwn(flag.variants, variant)) {
    out.errors.push(issue(at, 'UNKNOWN_VARIANT', `"${variant}" is not one of the flag's variants (${Object.keys(flag.variants).join(', ')})`));
  }
}

function checkRule(flag: Flag, rule: Rule, at: readonly PathSegment[], scope: ConditionScope, out: Findings): void {
  if (rule.when) checkTopCondition(rule.when, [...at, 'when'], scope, out);
  if (rule.schedule) checkSchedule(rule.schedule, [...at, 'schedule'], out);
  if ('variant' in rule.serve) {
    checkVariant(flag, rule.serve.variant, [...at, 'serve', 'variant'], out);
    return;
  }
  const splitAt = [...at, 'serve', 'rollout', 'split'];
  const seen = new Set<string>();
  let total = 0;
  let valid = true;
  rule.serve.rollout.split.forEach((part, i) => {
    checkVariant(flag, part.variant, [...splitAt, i, 'variant'], out);
    if (seen.has(part.variant)) out.errors.push(issue([...splitAt, i, 'variant'], 'INVALID_VALUE', `"${part.variant}" appears twice in the split`));
    seen.add(part.variant);
    const t = weightThousandths(part.weight);
    if (t === undefined) {
      valid = false;
      out.errors.push(issue([...splitAt, i, 'weight'], 'INVALID_PERCENT', 'weights are percentages with at most three decimals'));
    }
    total += t ?? 0;
  });
  if (valid && total !== 100_000) {
    out.errors.push(issue(splitAt, 'WEIGHTS_NOT_100', `the weights add up to ${total / 1000}%, not 100%`));
  }
}

export function checkFlag(flag: Flag, scope: ReferenceScope, out: Findings): void {
  const variantCount = Object.keys(flag.variants).length;
  if (variantCount === 0) out.errors.push(issue(['variants'], 'REQUIRED', 'a flag needs at least one variant'));
  if (variantCount > LIMITS.variantsPerFlag) out.errors.push(issue(['variants'], 'TOO_MANY_VARIANTS', `${variantCount} variants; the limit is ${LIMITS.variantsPerFlag}`));
  checkVariant(flag, flag.offVariant, ['offVariant'], out);
  checkVariant(flag, flag.defaultVariant, ['defaultVariant'], out);
  if (flag.schedule) checkSchedule(flag.schedule, ['schedule'], out);

  const rules = flag.rules ?? [];
  if (rules.length > LIMITS.rulesPerFlag) out.errors.push(issue(['rules'], 'TOO_MANY_RULES', `${rules.length} rules; the limit is ${LIMITS.rulesPerFlag}`));
  const ids = new Map<string, number>();
  rules.forEach((rule, i) => {
    const first = ids.get(rule.id);
    if (first !== undefined) out.errors.push(issue(['rules', i, 'id'], 'DUPLICATE_RULE_ID', `rule ${i} has the same id "${rule.id}" as rule ${first}`));
    else ids.set(rule.id, i);
    checkRule(flag, rule, ['rules', i], scope, out);
  });

  flag.prerequisites?.forEach((prerequisite, i) => {
    const at = ['prerequisites', i];
    if (prerequisite.flag === flag.key) {
      out.errors.push(issue([...at, 'flag'], 'PREREQUISITE_CYCLE', 'a flag cannot be its own prerequisite'));
      return;
    }
    if (!scope.flags) return;
    const target = Object.hasOwn(scope.flags, prerequisite.flag) ? scope.flags[prerequisite.flag] : undefined;
    if (!target) {
      out.errors.push(issue([...at, 'flag'], 'UNKNOWN_FLAG', `no flag "${prerequisite.flag}" exists`));
      return;
    }
    if (!Object.hasOwn(target.variants, prerequisite.variant)) {
      out.errors.push(issue([...at, 'variant'], 'UNKNOWN_VARIANT', `"${prerequisite.variant}" is not a variant of "${target.key}"`));
    }
  });
  // A flag naming itself is reported above; searching would report the same cycle twice.
  if (scope.flags && flag.prerequisites?.length && !flag.prerequisites.some((p) => p.flag === flag.key)) {
    const cycle = findCycle(flag.key, prerequisiteEdges(scope.flags, flag));
    if (cycle) out.errors.push(issue(['prerequisites'], 'PREREQUISITE_CYCLE', `prerequisites form a cycle: ${cycle.join(' -> ')}`));
  }
  if (scope.segments) {
    checkSegmentCycles(flag.rules ?? [], scope.segments, out);
    const memo = new Map<string, number>();
    (flag.rules ?? []).forEach((rule, i) => rule.when && checkExpansion(rule.when, scope.segments!, ['rules', i, 'when'], out, memo));
  }
  checkRegexBudget(flag, scope.segments, out);
}

function checkSegmentCycles(rules: readonly Rule[], segments: Readonly<Record<string, Segment>>, out: Findings): void {
  const edges = segmentEdges(segments);
  const reported = new Set<string>();
  rules.forEach((rule, i) => {
    if (!rule.when) return;
    for (const key of reachable([...segmentRefs(rule.when)], edges)) {
      if (reported.has(key)) continue;
      const cycle = findCycle(key, edges);
      if (!cycle) continue;
      cycle.forEach((k) => reported.add(k));
      out.errors.push(issue(['rules', i, 'when'], 'SEGMENT_CYCLE', `segments form a cycle: ${cycle.join(' -> ')}`));
    }
  });
}

function reachable(start: readonly string[], edges: (key: string) => readonly string[]): Set<string> {
  const seen = new Set<string>();
  const queue = [...start];
  for (let key = queue.shift(); key !== undefined; key = queue.shift()) {
    if (seen.has(key)) continue;
    seen.add(key);
    queue.push(...edges(key));
  }
  return seen;
}

/** A condition whose segments, inlined, make it larger than the limit (a chain of segments each referencing the next several times). */
function checkExpansion(condition: Condition, segments: Readonly<Record<string, Segment>>, at: PathSegment[], out: Findings, memo: Map<string, number>): void {
  const size = expandedSize(condition, segments, memo);
  if (size <= LIMITS.expandedConditionNodes) return;
  out.errors.push(issue(at, 'CONDITION_TOO_LARGE', `with its segments inlined this condition has ${size} parts; the limit is ${LIMITS.expandedConditionNodes}. A segment that references other segments several times multiplies them: reference each once, or combine them`));
}

export function checkSegment(segment: Segment, scope: ReferenceScope, out: Findings): void {
  // The segment being checked may be new or edited: it resolves to itself, not to a stored copy.
  const segments = scope.segments ? { ...scope.segments, [segment.key]: segment } : undefined;
  checkTopCondition(segment.when, ['when'], segments ? { ...scope, segments } : scope, out);
  if (!segments) return;
  const cycle = findCycle(segment.key, segmentEdges(segments, segment));
  if (cycle) out.errors.push(issue(['when'], 'SEGMENT_CYCLE', `segments form a cycle: ${cycle.join(' -> ')}`));
  else checkExpansion(segment.when, segments, ['when'], out, new Map());
}
