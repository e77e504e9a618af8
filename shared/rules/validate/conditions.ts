// The checks a condition needs beyond its shape: operands, attributes, depth, clause counts,
// segment references and, when a catalogue is given, attribute types.

import { LIMITS } from '../limits.ts';
import { issue, type Issue, type PathSegment } from '../issues.ts';
import { parseOperand } from '../operands.ts';
import { specOf, type Operator, type OPERATOR_SPECS } from '../operators.ts';
import type { AttributeDefinition, Clause, Condition, Segment } from '../schema.ts';
import { checkAgainstCatalogue } from './catalogue.ts';

const BEHAVIOR = /^behavior\.([A-Za-z0-9_-]{1,64})\.count_([1-9]\d?)d$/;
/** Behavioural counters keep daily buckets for this many days. */
export const BEHAVIOR_MAX_DAYS = 90;

export type ConditionScope = {
  readonly segments?: Readonly<Record<string, Segment>>;
  readonly catalogue?: ReadonlyMap<string, AttributeDefinition>;
};

export type Findings = { readonly errors: Issue[]; readonly warnings: Issue[] };

/** The event and window of a `behavior.<event>.count_<N>d` path, or undefined. */
export function parseBehaviorAttribute(path: string): { event: string; days: number } | undefined {
  const m = BEHAVIOR.exec(path);
  if (!m || Number(m[2]) > BEHAVIOR_MAX_DAYS) return undefined;
  return { event: m[1]!, days: Number(m[2]) };
}

type ListOperator = { [K in Operator]: (typeof OPERATOR_SPECS)[K]['operand'] extends 'scalarList' ? K : never }[Operator];

/**
 * What a clause with an empty list does, decided once per list operator (the semantics table in
 * shared/rules/README.md): a warning, since the clause is constant or nearly so, never an error.
 */
const EMPTY_LIST_MEANING = {
  in: 'never matches: no value is in an empty list',
  not_in: 'is always true: no value is in an empty list (a missing attribute satisfies it too)',
  contains_any: 'never matches: no array holds an element of an empty list',
  contains_none: 'is always true: no array holds an element of an empty list (a missing attribute satisfies it too)',
  contains_all: 'matches whenever the attribute is an array, whatever it holds (every array holds all of nothing)',
} as const satisfies Record<ListOperator, string>;

function checkClause(clause: Clause, at: readonly PathSegment[], scope: ConditionScope, out: Findings): void {
  const spec = specOf(clause.op);
  if (spec.needsAttr && clause.attr === undefined) {
    out.errors.push(issue([...at, 'attr'], 'MISSING_ATTRIBUTE', `"${clause.op}" needs an attribute`));
  }
  if (!spec.needsAttr && clause.attr !== undefined) {
    out.errors.push(issue([...at, 'attr'], 'UNEXPECTED_ATTRIBUTE', `"${clause.op}" reads the evaluation time and takes no attribute`));
  }
  if (clause.caseInsensitive !== undefined && !spec.foldsCase) {
    out.errors.push(issue([...at, 'caseInsensitive'], 'CASE_INSENSITIVE_NOT_SUPPORTED', `"${clause.op}" does not compare text, so "caseInsensitive" does not apply`));
  }
  if (clause.attr?.startsWith('behavior.') && !parseBehaviorAttribute(clause.attr)) {
    out.errors.push(issue([...at, 'attr'], 'INVALID_BEHAVIOR_ATTRIBUTE', `behavioural attributes are named behavior.<event>.count_<N>d with N from 1 to ${BEHAVIOR_MAX_DAYS}`));
  }
  const operand = parseOperand(clause.op, clause.value, clause.caseInsensitive ?? false, [...at, 'value']);
  if (!operand.ok) out.errors.push(...operand.issues);
  else if (operand.operand.kind === 'scalarList' && operand.operand.values.length === 0) {
    out.warnings.push(issue([...at, 'value'], 'EMPTY_LIST', `"${clause.op}" with an empty list ${EMPTY_LIST_MEANING[clause.op as ListOperator]}`));
  }
  if (scope.catalogue && clause.attr !== undefined) checkAgainstCatalogue(clause, at, scope.catalogue, out);
}

/**
 * Walks one condition. `depth` counts the groups above it; returns the number of leaves
 * (clauses and segment references) so the caller can hold a rule to its clause limit.
 */
export function checkCondition(condition: Condition, at: readonly PathSegment[], depth: number, scope: ConditionScope, out: Findings): number {
  if ('all' in condition || 'any' in condition || 'not' in condition) {
    if (depth + 1 > LIMITS.nestingDepth) {
      out.errors.push(issue(at, 'TOO_DEEP', `groups nest ${depth + 1} deep here; the limit is ${LIMITS.nestingDepth}`));
      return 0;
    }
    if ('not' in condition) return checkCondition(condition.not, [...at, 'not'], depth + 1, scope, out);
    const [key, children] = 'all' in condition ? ['all', condition.all] : ['any', condition.any];
    return children.reduce((n, child, i) => n + checkCondition(child, [...at, key, i], depth + 1, scope, out), 0);
  }
  if ('segment' in condition) {
    if (scope.segments && !Object.hasOwn(scope.segments, condition.segment)) {
      out.errors.push(issue([...at, 'segment'], 'UNKNOWN_SEGMENT', `no segment "${condition.segment}" exists`));
    }
    return 1;
  }
  checkClause(condition, at, scope, out);
  return 1;
}

/** Checks a rule's or a segment's top condition, including its clause limit. */
export function checkTopCondition(condition: Condition, at: readonly PathSegment[], scope: ConditionScope, out: Findings): void {
  const leaves = checkCondition(condition, at, 0, scope, out);
  if (leaves > LIMITS.clausesPerRule) {
    out.errors.push(issue(at, 'TOO_MANY_CLAUSES', `${leaves} clauses; a rule may have at most ${LIMITS.clausesPerRule}`));
  }
}

/** Every segment key a condition names, directly. */
export function segmentRefs(condition: Condition, into: Set<string> = new Set()): Set<string> {
  if ('all' in condition) condition.all.forEach((c) => segmentRefs(c, into));
  else if ('any' in condition) condition.any.forEach((c) => segmentRefs(c, into));
  else if ('not' in condition) segmentRefs(condition.not, into);
  else if ('segment' in condition) into.add(condition.segment);
  return into;
}

/** Every clause of a condition with its path. */
export function clausesOf(condition: Condition, at: readonly PathSegment[] = []): { clause: Clause; at: readonly PathSegment[] }[] {
  if ('all' in condition) return condition.all.flatMap((c, i) => clausesOf(c, [...at, 'all', i]));
  if ('any' in condition) return condition.any.flatMap((c, i) => clausesOf(c, [...at, 'any', i]));
  if ('not' in condition) return clausesOf(condition.not, [...at, 'not']);
  if ('segment' in condition) return [];
  return [{ clause: condition, at }];
}
