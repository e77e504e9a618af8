// Conditions in words for the warnings: `geo.country in [DE, FR]`, `plan is pro`, `age >= 18`,
// short enough to read in the console next to the rule.

import { specOf, type OperandKind, type Operator } from '../operators.ts';
import type { Clause, Condition } from '../schema.ts';
import { unreachable } from '../unreachable.ts';

// prettier-ignore
const PHRASES = {
  eq: 'is', neq: 'is not', in: 'in', not_in: 'not in',
  contains: 'contains', not_contains: 'does not contain', starts_with: 'starts with', ends_with: 'ends with', matches: 'matches',
  gt: '>', gte: '>=', lt: '<', lte: '<=', between: 'between',
  before: 'before', after: 'after', between_dates: 'between', time_window: 'time window',
  semver_eq: 'is version', semver_gt: '> version', semver_gte: '>= version', semver_lt: '< version', semver_lte: '<= version', semver_between: 'between versions',
  contains_all: 'contains all of', contains_any: 'contains any of', contains_none: 'contains none of',
  size_eq: 'has size', size_gt: 'has size >', size_lt: 'has size <',
  exists: 'is set', not_exists: 'is not set',
  within_radius: 'within', in_rollout: 'in rollout',
} as const satisfies Record<Operator, string>;

const LIST_SHOWN = 10;
const TEXT_LIMIT = 200;

/** A value as a product manager reads it: strings bare, lists in brackets, long lists cut. */
export function valueText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) {
    const shown = value.slice(0, LIST_SHOWN).map(valueText);
    const more = value.length - shown.length;
    return `[${shown.join(', ')}${more > 0 ? `, … ${more} more` : ''}]`;
  }
  return JSON.stringify(value) ?? 'nothing';
}

/** How an operand kind reads: as a value, a range `a and b`, or a phrase of its record's fields. */
const READS_AS = {
  scalar: 'value', scalarList: 'value', string: 'value', regex: 'value', number: 'value', numberRange: 'range',
  date: 'value', dateRange: 'range', timeWindow: 'window', semver: 'value', semverRange: 'range', size: 'value',
  none: 'value', geo: 'radius', rollout: 'rollout',
} as const satisfies Record<OperandKind, 'value' | 'range' | 'window' | 'radius' | 'rollout'>;

function operandText(clause: Clause): string {
  const value = clause.value;
  if (READS_AS[specOf(clause.op).operand] === 'range' && Array.isArray(value) && value.length === 2) {
    return `${valueText(value[0])} and ${valueText(value[1])}`;
  }
  return valueText(value);
}

/** Operators whose record operand reads better as a phrase than as JSON. */
function recordText(clause: Clause): string | undefined {
  const v = clause.value;
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
  const r = v as Record<string, unknown>;
  const reads = READS_AS[specOf(clause.op).operand];
  switch (reads) {
    case 'window': return `the time is ${valueText(r.from)}–${valueText(r.to)}${Array.isArray(r.days) ? ` on ${r.days.join(', ')}` : ''} (${valueText(r.tz)})`;
    case 'radius': return `${clause.attr} within ${valueText(r.km)} km of ${valueText(r.lat)}, ${valueText(r.lon)}`;
    case 'rollout': return `${clause.attr} in the ${valueText(r.percent)}% rollout '${valueText(r.salt)}'`;
    case 'value':
    case 'range': return undefined;
    default: return unreachable(reads);
  }
}

export function clauseText(clause: Clause): string {
  const phrase = recordText(clause);
  if (phrase !== undefined) return phrase;
  const subject = clause.attr ?? 'the time';
  const folded = clause.caseInsensitive ? ' (ignoring case)' : '';
  if (clause.value === undefined) return `${subject} ${PHRASES[clause.op]}`;
  return `${subject} ${PHRASES[clause.op]} ${operandText(clause)}${folded}`;
}

function shorten(text: string): string {
  return text.length > TEXT_LIMIT ? `${text.slice(0, TEXT_LIMIT - 1)}…` : text;
}

function conditionWords(condition: Condition): string {
  if ('all' in condition) return condition.all.length === 0 ? 'everyone' : condition.all.map(grouped).join(' and ');
  if ('any' in condition) return condition.any.length === 0 ? 'no one' : condition.any.map(grouped).join(' or ');
  if ('not' in condition) return `not ${grouped(condition.not)}`;
  if ('segment' in condition) return `in segment '${condition.segment}'`;
  return clauseText(condition);
}

function grouped(condition: Condition): string {
  const words = conditionWords(condition);
  return ('all' in condition && condition.all.length > 1) || ('any' in condition && condition.any.length > 1) ? `(${words})` : words;
}

/** A rule's condition in words; a rule without one matches everyone. */
export function conditionText(condition: Condition | undefined): string {
  return condition === undefined ? 'everyone' : shorten(conditionWords(condition));
}
