// Which operators an attribute offers and which value input each operator takes: the condition
// editor's dropdowns, from the core's operator table (shared/rules/operators.ts).

import { OPERATORS, OPERATOR_SPECS, unreachable, type AttributeType, type OperandKind, type Operator } from '../../../../shared/rules/index.ts';

export const OPERATOR_LABELS: Readonly<Record<Operator, string>> = {
  eq: 'is', neq: 'is not', in: 'is one of', not_in: 'is none of',
  contains: 'contains', not_contains: 'does not contain', starts_with: 'starts with', ends_with: 'ends with', matches: 'matches regex',
  gt: '>', gte: '≥', lt: '<', lte: '≤', between: 'is between',
  before: 'is before', after: 'is after', between_dates: 'is between dates', time_window: 'time window',
  semver_eq: 'version =', semver_gt: 'version >', semver_gte: 'version ≥', semver_lt: 'version <', semver_lte: 'version ≤', semver_between: 'version between',
  contains_all: 'contains all of', contains_any: 'contains any of', contains_none: 'contains none of', size_eq: 'size =', size_gt: 'size >', size_lt: 'size <',
  exists: 'exists', not_exists: 'does not exist',
  within_radius: 'within radius of', in_rollout: 'in rollout',
};

/** The operators for an attribute of a type; an attribute not in the catalogue offers them all. */
export function operatorsFor(type: AttributeType | undefined): Operator[] {
  if (type === undefined) return [...OPERATORS];
  return OPERATORS.filter((op) => (OPERATOR_SPECS[op].accepts as readonly string[]).includes(type));
}

export type InputKind = 'text' | 'list' | 'number' | 'numberRange' | 'date' | 'dateRange' | 'timeWindow' | 'semver' | 'semverRange' | 'regex' | 'none' | 'geo' | 'rollout';

const INPUT_OF: Readonly<Record<OperandKind, InputKind>> = {
  scalar: 'text', scalarList: 'list', string: 'text', regex: 'regex', number: 'number', numberRange: 'numberRange',
  date: 'date', dateRange: 'dateRange', timeWindow: 'timeWindow', semver: 'semver', semverRange: 'semverRange',
  size: 'number', none: 'none', geo: 'geo', rollout: 'rollout',
};

export function inputFor(op: Operator): InputKind {
  return INPUT_OF[OPERATOR_SPECS[op].operand];
}

/** A starting value of the right shape when the operator changes, keeping what still fits. */
export function defaultValueFor(op: Operator, previous: unknown): unknown {
  const kind = inputFor(op);
  const scalar = Array.isArray(previous) ? previous[0] : typeof previous === 'object' ? undefined : previous;
  switch (kind) {
    case 'list': return Array.isArray(previous) ? previous : scalar === undefined || scalar === '' ? [] : [scalar];
    case 'number': return typeof scalar === 'number' ? scalar : 0;
    case 'numberRange': return [0, 100];
    case 'date': return typeof scalar === 'string' && scalar.length > 0 ? scalar : new Date(0).toISOString();
    case 'dateRange': return ['now-30d', 'now'];
    case 'timeWindow': return { days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '17:00', tz: 'UTC' };
    case 'semverRange': return ['1.0.0', '2.0.0'];
    case 'semver': return typeof scalar === 'string' && /^v?\d+\.\d+\.\d+/.test(scalar) ? scalar : '1.0.0';
    case 'none': return undefined;
    case 'geo': return { lat: 52.52, lon: 13.405, km: 50 };
    case 'rollout': return { salt: 'rollout', percent: 10 };
    case 'text':
    case 'regex': return scalar ?? '';
    default: return unreachable(kind);
  }
}

/** A typed scalar from what was typed: numbers and booleans for attributes of those types. */
export function scalarFromText(text: string, type: AttributeType | undefined): string | number | boolean {
  if (type === 'number' && text.trim() !== '' && !Number.isNaN(Number(text))) return Number(text);
  if (type === 'boolean' && (text === 'true' || text === 'false')) return text === 'true';
  return text;
}

/** Many values pasted at once: one per line, or separated by commas, semicolons or tabs. */
export function splitPastedValues(text: string): string[] {
  return text.split(/[\n\r,;\t]+/).map((s) => s.trim()).filter((s) => s.length > 0);
}
