// The compiler is held to the reference interpreter: on random valid flags (every operator,
// segments, splits, schedules, prerequisites) and random contexts they give the same answer.

import assert from 'node:assert/strict';
import fc from 'fast-check';
import { compileFlag, evaluate, interpret, OPERATORS, type Evaluation } from '../../shared/rules/index.ts';
import { check, clauseFor, clausesIn, scenario, scenarioContext, SEED, valueNear } from '../helpers/arbitraries.ts';

const FLAGS = Number(process.env.FC_FLAGS ?? 5_000);
const CONTEXTS_PER_FLAG = Number(process.env.FC_CONTEXTS ?? 20);

/** The trace's steps without clause lists: the compiler checks clauses cheapest first, the interpreter in document order. */
function steps(e: Evaluation) {
  return (e.trace ?? []).map((step) => (step.kind === 'rule' ? { ...step, clauses: undefined } : step));
}

/** What the evaluators must agree on. */
function outcome(e: Evaluation) {
  return {
    reason: e.reason,
    variant: 'variant' in e ? e.variant : undefined,
    value: 'value' in e ? e.value : undefined,
    ruleId: 'ruleId' in e ? e.ruleId : undefined,
    bucket: 'bucket' in e ? e.bucket : undefined,
    experimentId: 'experimentId' in e ? e.experimentId : undefined,
    errorCode: 'errorCode' in e ? e.errorCode : undefined,
    cause: 'cause' in e ? e.cause : undefined,
    prerequisite: 'prerequisite' in e ? e.prerequisite : undefined,
    unitMissing: 'unitMissing' in e ? e.unitMissing : undefined,
  };
}

describe('compiled evaluation (property)', () => {
  it(`agrees with the interpreter on random flags and contexts (${FLAGS} flags x ${CONTEXTS_PER_FLAG} contexts, seed ${SEED})`, function () {
    this.timeout(120_000);
    const arbitrary = scenario().chain((s) => fc.tuple(fc.constant(s), fc.array(scenarioContext(s), { minLength: CONTEXTS_PER_FLAG, maxLength: CONTEXTS_PER_FLAG })));
    let pairs = 0;
    const reasons = new Map<string, number>();
    const operators = new Set<string>();
    check(
      fc.property(arbitrary, ([{ now, flag, segments, flags }, contexts]) => {
        for (const rule of flag.rules ?? []) for (const clause of clausesIn(rule.when)) operators.add(clause.op);
        const compiled = compileFlag(flag, { segments, flags });
        if (!compiled.ok) assert.fail(`the generator made an invalid flag: ${JSON.stringify(compiled.errors)}`);
        for (const c of contexts) {
          const expected = interpret(flag, c, { now, segments, flags });
          const actual = evaluate(compiled.flag, c, { now });
          const where = `context ${JSON.stringify(c)} at ${new Date(now).toISOString()}`;
          assert.deepEqual(outcome(actual), outcome(expected), where);
          // The traced path is a third evaluator (a walk of closures, not the program): held to the same answers and steps.
          const traced = evaluate(compiled.flag, c, { now, trace: true });
          assert.deepEqual(outcome(traced), outcome(expected), `traced: ${where}`);
          assert.deepEqual(steps(traced), steps(interpret(flag, c, { now, segments, flags, trace: true })), `trace steps: ${where}`);
          pairs++;
          reasons.set(actual.reason, (reasons.get(actual.reason) ?? 0) + 1);
        }
      }),
      FLAGS,
    );
    assert.ok(pairs >= FLAGS * CONTEXTS_PER_FLAG);
    assert.deepEqual(OPERATORS.filter((op) => !operators.has(op)), [], 'every operator occurs in the generated flags');
    // The generator reaches every outcome often enough for the agreement to mean something.
    for (const reason of ['STATIC', 'DEFAULT', 'TARGETING_MATCH', 'SPLIT', 'DISABLED']) {
      assert.ok((reasons.get(reason) ?? 0) > pairs / 200, `${reason}: ${reasons.get(reason) ?? 0} of ${pairs} (${JSON.stringify([...reasons])})`);
    }
  });

  it('agrees with the interpreter clause by clause for every operator, both outcomes reached', function () {
    this.timeout(60_000);
    const now = Date.parse('2026-03-29T01:30:00Z');
    for (const op of OPERATORS) {
      const seen = new Set<string>();
      check(
        fc.property(clauseFor(op, now, fc.constant('v')).chain((clause) => fc.tuple(fc.constant(clause), fc.array(valueNear([clause.value], now).map((v) => ({ v })), { minLength: 10, maxLength: 10 }))), ([clause, contexts]) => {
          const flag = { key: 'f', enabled: true, variants: { yes: true, no: false }, offVariant: 'no', defaultVariant: 'no', rules: [{ id: 'r', when: clause, serve: { variant: 'yes' } }] };
          const compiled = compileFlag(flag);
          if (!compiled.ok) assert.fail(JSON.stringify(compiled.errors));
          for (const c of contexts) {
            const actual = evaluate(compiled.flag, c, { now });
            const expected = interpret(flag, c, { now, trace: true });
            assert.deepEqual(outcome(actual), outcome(expected), `context ${JSON.stringify(c)}`);
            const traced = evaluate(compiled.flag, c, { now, trace: true });
            assert.deepEqual(outcome(traced), outcome(expected), `traced: context ${JSON.stringify(c)}`);
            // One clause: both traces hold exactly it.
            assert.deepEqual(traced.trace, expected.trace, `trace: context ${JSON.stringify(c)}`);
            seen.add('variant' in actual ? actual.variant : actual.reason);
          }
        }),
        100,
      );
      assert.deepEqual([...seen].sort(), ['no', 'yes'], `${op} reached both outcomes`);
    }
  });
});
