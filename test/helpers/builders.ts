// Builders for rule documents in tests (`aFlag({ rules: [aRule(...)] })`), and a helper that runs
// one flag through both evaluators (compiled and interpreted) and holds them to the same answer.

import assert from 'node:assert/strict';
import {
  compileFlag, evaluate, interpret,
  type Clause, type CompiledFlag, type Condition, type Evaluation, type Flag, type FlagInput, type Operator, type Rule, type Segment, type Split,
} from '../../shared/rules/index.ts';

/** 2026-03-10T12:00:00Z, a Tuesday: the default `now` of the tests. */
export const NOW = Date.parse('2026-03-10T12:00:00Z');

/** A valid, enabled flag with variants `on` (true) and `off` (false), serving `off` by default. */
export function aFlag(overrides: Partial<FlagInput> = {}): FlagInput {
  return { key: 'f', enabled: true, variants: { on: true, off: false }, offVariant: 'off', defaultVariant: 'off', ...overrides };
}

/** A rule serving `on` when `when` holds (always, without `when`); give each rule of one flag its own `id`. */
export function aRule(when?: Condition, overrides: Partial<Rule> & { id?: string } = {}): Rule {
  return { id: overrides.id ?? 'r', ...(when === undefined ? {} : { when }), serve: { variant: 'on' }, ...overrides } as Rule;
}

/** A clause `{ attr, op, value }`; `value` omitted for `exists` and `not_exists`. */
export function aClause(attr: string | undefined, op: Operator, value?: unknown, caseInsensitive?: boolean): Clause {
  return {
    ...(attr === undefined ? {} : { attr }),
    op,
    ...(value === undefined ? {} : { value }),
    ...(caseInsensitive === undefined ? {} : { caseInsensitive }),
  };
}

/** The serve of a rollout: `split` as `{ variant: weight }` in order, bucketed by `targetingKey`. */
export function aRollout(split: Record<string, number>, overrides: Record<string, unknown> = {}): Rule['serve'] {
  const parts: Split[] = Object.entries(split).map(([variant, weight]) => ({ variant, weight }));
  return { rollout: { by: 'targetingKey', split: parts, algorithm: 1, whenUnitMissing: 'no_match', ...overrides } } as Rule['serve'];
}

export function aSegment(key: string, when: Condition): Segment {
  return { key, when };
}

export type Scope = { readonly segments?: Record<string, Segment>; readonly flags?: Record<string, Flag> };

/** Compiles a flag that must be valid. */
export function compiled(doc: FlagInput, scope: Scope = {}): CompiledFlag {
  const result = compileFlag(doc, scope);
  if (!result.ok) assert.fail(`the flag does not compile: ${JSON.stringify(result.errors)}`);
  return result.flag;
}

/** Compiled and interpreted results of one evaluation. */
export function evaluateBoth(doc: FlagInput, context: unknown, options: { now?: number; trace?: boolean } & Scope = {}): { compiled: Evaluation; interpreted: Evaluation } {
  const now = options.now ?? NOW;
  const scope = { ...(options.segments ? { segments: options.segments } : {}), ...(options.flags ? { flags: options.flags } : {}) };
  const trace = options.trace ?? false;
  return {
    compiled: evaluate(compiled(doc, scope), context, { now, trace }),
    interpreted: interpret(doc, context, { now, trace, ...scope }),
  };
}

/** Evaluates with both evaluators, asserts that they agree (traces aside), and returns the result. */
export function evaluateAgreed(doc: FlagInput, context: unknown, options: { now?: number } & Scope = {}): Evaluation {
  const { compiled: c, interpreted: i } = evaluateBoth(doc, context, options);
  assert.deepEqual(c, i, 'compiled and interpreted evaluations disagree');
  return c;
}

/** The variant served, or undefined for an error. */
export function variantOf(result: Evaluation): string | undefined {
  return 'variant' in result ? result.variant : undefined;
}
