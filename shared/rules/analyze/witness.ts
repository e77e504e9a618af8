// Concrete users as evidence: candidate attribute values drawn from the clauses, and conditions
// evaluated on them by the reference interpreter's operators. The analysis reports an overlap
// only when such a user exists, so an overlap warning is never a guess.

import { readAttribute } from '../attributes.ts';
import { applyOperator } from '../interpret.ts';
import { specOf } from '../operators.ts';
import type { Clause, Condition, Context, Segment } from '../schema.ts';
import { parseRelative } from '../time.ts';
import { atomValue } from './atoms.ts';
import type { Literal } from './normalize.ts';

type Segments = Readonly<Record<string, Segment>>;

function readsClock(condition: Clause): boolean {
  if (specOf(condition.op).operand === 'timeWindow') return true;
  const values = Array.isArray(condition.value) ? condition.value : [condition.value];
  return specOf(condition.op).family === 'date' && values.some((v) => typeof v === 'string' && parseRelative(v) !== undefined);
}

/** Whether a condition holds for a context; undefined when it depends on the clock or an unknown segment. */
export function holdsFor(condition: Condition | undefined, context: Context, segments: Segments, stack: readonly string[] = []): boolean | undefined {
  if (condition === undefined) return true;
  if ('all' in condition || 'any' in condition) {
    const all = 'all' in condition;
    const results = (all ? condition.all : condition.any).map((c) => holdsFor(c, context, segments, stack));
    if (results.includes(!all)) return !all;
    return results.includes(undefined) ? undefined : all;
  }
  if ('not' in condition) {
    const inner = holdsFor(condition.not, context, segments, stack);
    return inner === undefined ? undefined : !inner;
  }
  if ('segment' in condition) {
    const key = condition.segment;
    const segment = Object.hasOwn(segments, key) ? segments[key] : undefined;
    return segment && !stack.includes(key) ? holdsFor(segment.when, context, segments, [...stack, key]) : undefined;
  }
  if (readsClock(condition)) return undefined;
  const value = condition.attr === undefined ? undefined : readAttribute(context, condition.attr);
  return apply(condition, value);
}

/** An operator on a value; undefined when the clause's operand is malformed (analysis expects a valid flag, but never throws). */
function apply(clause: Clause, value: unknown): boolean | undefined {
  try {
    return applyOperator(clause, value, 0);
  } catch {
    return undefined;
  }
}

/** Whether an attribute value satisfies a literal. */
export function satisfies(literal: Literal, value: unknown): boolean {
  const result = literal.clause === undefined ? undefined : apply(literal.clause, value);
  return result !== undefined && result !== literal.negated;
}

function numbersNear(lo: number | null, hi: number | null): number[] {
  const near = [lo, hi].flatMap((x) => (x === null ? [] : [x, x - 1, x + 1, x - 0.5, x + 0.5]));
  return lo !== null && hi !== null ? [(lo + hi) / 2, ...near] : near;
}

/** Values worth trying for a literal's attribute: its own operands and their neighbours. */
function candidatesOf(literal: Literal): unknown[] {
  const shape = literal.shape;
  switch (shape.kind) {
    case 'values':
      // A negated list's own values are the ones it rules out.
      return literal.negated ? [] : shape.atoms.map(atomValue);
    case 'number':
      return numbersNear(shape.range.lo, shape.range.hi);
    case 'semver':
      return [shape.range.lo, shape.range.hi].flatMap((v) => (v === null ? [] : [v.version, `${v.major}.${v.minor}.${v.patch + 1}`]));
    case 'text':
      return [shape.text, `${shape.text}x`, `x${shape.text}`];
    case 'members':
      return [shape.atoms.map(atomValue)];
    case 'exists':
      return ['x'];
    default:
      return [];
  }
}

/** Candidates for one attribute under several literals, with every text operand joined as well. */
export function candidatesFor(literals: readonly Literal[]): unknown[] {
  const texts = (mode: string) => literals.flatMap((l) => (l.shape.kind === 'text' && l.shape.mode === mode ? [l.shape.text] : []));
  const joined = [...texts('prefix'), ...texts('infix'), ...texts('suffix')].join('');
  return [...literals.flatMap(candidatesOf), joined, undefined];
}

/** The first candidate satisfying every literal on its attribute, in a box so `undefined` (missing) can be the answer. */
export function pick(candidates: readonly unknown[], accept: (value: unknown) => boolean): { value: unknown } | undefined {
  for (const value of candidates) if (accept(value)) return { value };
  return undefined;
}
