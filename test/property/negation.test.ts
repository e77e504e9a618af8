// The negation law: every negated operator is exactly `not` of its twin, for any operand and any
// attribute value, a missing attribute included (so a missing attribute satisfies `not_in`).

import assert from 'node:assert/strict';
import fc from 'fast-check';
import { compileFlag, evaluate, interpret, NEGATION_PAIRS, type Condition, type FlagInput } from '../../shared/rules/index.ts';
import { check, operandFor, SEED, valueNear } from '../helpers/arbitraries.ts';

const NOW = Date.parse('2026-03-29T01:30:00Z');

function flagWhen(when: Condition): FlagInput {
  return { key: 'neg', enabled: true, variants: { yes: true, no: false }, offVariant: 'no', defaultVariant: 'no', rules: [{ id: 'r', when, serve: { variant: 'yes' } }] };
}

/** Both evaluators' answers for a condition over many contexts, checked to agree. */
function answers(when: Condition, contexts: readonly Record<string, unknown>[]): boolean[] {
  const doc = flagWhen(when);
  const compiled = compileFlag(doc);
  if (!compiled.ok) assert.fail(JSON.stringify(compiled.errors));
  return contexts.map((c) => {
    const a = evaluate(compiled.flag, c, { now: NOW });
    const b = interpret(doc, c, { now: NOW });
    assert.equal(a.reason === 'ERROR' ? 'ERROR' : a.variant, b.reason === 'ERROR' ? 'ERROR' : b.variant, `compiled and interpreted differ on ${JSON.stringify(c)}`);
    return 'variant' in a && a.variant === 'yes';
  });
}

/** A context for attribute `v`: absent, null, or a value, often one near the operand. */
const contextFor = (operand: unknown) =>
  fc.oneof(
    { arbitrary: fc.constant({}), weight: 1 },
    { arbitrary: fc.constant({ v: null }), weight: 1 },
    { arbitrary: fc.constant({ other: 'x' }), weight: 1 },
    { arbitrary: valueNear([operand], NOW).map((v) => ({ v })), weight: 10 },
  );

describe('negated operators (property)', () => {
  it(`pairs every negated operator with its positive twin (seed ${SEED})`, () => {
    assert.deepEqual(NEGATION_PAIRS.map(([neg, pos]) => `${neg}=not(${pos})`), ['neq=not(eq)', 'not_in=not(in)', 'not_contains=not(contains)', 'contains_none=not(contains_any)', 'not_exists=not(exists)']);
  });

  for (const [negated, positive] of NEGATION_PAIRS) {
    it(`evaluates ${negated} exactly as not(${positive}) for random operands and values, missing included`, function () {
      this.timeout(60_000);
      const outcomes = new Set<boolean>();
      check(
        fc.property(operandFor(positive, NOW).chain((v) => fc.tuple(fc.constant(v), fc.array(contextFor(v), { minLength: 8, maxLength: 8 }))), fc.option(fc.boolean(), { nil: undefined }), ([value, contexts], ci) => {
          const clause = (op: typeof negated | typeof positive) => ({
            attr: 'v',
            op,
            ...(value === undefined ? {} : { value }),
            ...(ci === undefined || op === 'exists' || op === 'not_exists' ? {} : { caseInsensitive: ci }),
          });
          const neg = answers(clause(negated), contexts);
          const pos = answers(clause(positive), contexts);
          const not = answers({ not: clause(positive) }, contexts);
          assert.deepEqual(neg, pos.map((p) => !p), `${negated} vs !${positive}`);
          assert.deepEqual(neg, not, `${negated} vs { not: ${positive} }`);
          pos.forEach((p) => outcomes.add(p));
        }),
        300,
      );
      assert.equal(outcomes.size, 2, `${positive} both holds and fails`);
    });
  }

  it('lets a missing attribute satisfy every negated operator and no positive one', () => {
    for (const [negated, positive] of NEGATION_PAIRS) {
      const value = fc.sample(operandFor(positive, NOW), { numRuns: 1, seed: SEED })[0];
      const clause = (op: string) => ({ attr: 'v', op, ...(value === undefined ? {} : { value }) }) as Condition;
      for (const c of [{}, { v: null }]) {
        assert.deepEqual(answers(clause(negated), [c]), [true], `${negated} on ${JSON.stringify(c)}`);
        assert.deepEqual(answers(clause(positive), [c]), [false], `${positive} on ${JSON.stringify(c)}`);
      }
    }
  });
});
