// Every operator reaches every place that dispatches on operators: the compiled matcher, the
// program's inline code, the analysis's shapes, the reference interpreter and the console's inputs.
// The sample table is keyed by Operator, so a new operator fails `tsc` here until it has a sample.

import assert from 'node:assert/strict';
import { defaultValueFor, inputFor } from '../../../functions/console/web/logic/operator-inputs.ts';
import { shapeOf } from '../../../shared/rules/analyze/shapes.ts';
import { matcherFor } from '../../../shared/rules/compile/matchers.ts';
import { inlineClause } from '../../../shared/rules/compile/program.ts';
import { applyOperator } from '../../../shared/rules/interpret.ts';
import { parseOperand } from '../../../shared/rules/operands.ts';
import { OP, type Instruction } from '../../../shared/rules/compile/program.ts';
import { OPERATORS, OPERATOR_SPECS, specOf, type OperandTest, type Operator, type OperatorSpec } from '../../../shared/rules/operators.ts';

// Type-level: every operator whose operand kind others share names its test in its row.
type SharedKind = Extract<OperandTest, { readonly test: string }>['operand'];
type Untested = { [O in Operator]: (typeof OPERATOR_SPECS)[O]['operand'] extends SharedKind ? ((typeof OPERATOR_SPECS)[O] extends { readonly test: string } ? never : O) : never }[Operator];
const everyRowTested: [Untested] extends [never] ? true : Untested = true;

// Type-level: a row of a shared kind without its test, and a mis-laid instruction, fail `tsc`.
// @ts-expect-error a number operator must say which comparison it makes
const untestedRow: OperatorSpec = { family: 'number', operand: 'number', foldsCase: false, needsAttr: true, accepts: ['number'], cost: 1 };
// @ts-expect-error GT compares with a number, not a string
const misLaid: Instruction = [OP.GT, 'age', '18'];

/** A valid operand and an attribute value for each operator. */
const SAMPLES = {
  eq: ['US', 'US'], neq: ['US', 'DE'], in: [['US', 3], 'US'], not_in: [['US'], 'US'],
  contains: ['ab', 'xaby'], not_contains: ['ab', 'xy'], starts_with: ['ab', 'abc'], ends_with: ['bc', 'abc'], matches: ['^a+$', 'aaa'],
  gt: [1, 2], gte: [1, 1], lt: [1, 0], lte: [1, '1'], between: [[1, 3], 2],
  before: ['now-1d', '2026-01-01T00:00:00Z'], after: ['2020-01-01T00:00:00Z', 1_800_000_000_000], between_dates: [['now-30d', 'now'], 'x'],
  time_window: [{ from: '09:00', to: '17:00', tz: 'UTC' }, undefined],
  semver_eq: ['1.2.3', 'v1.2.3'], semver_gt: ['1.2.3', '1.3.0'], semver_gte: ['1.2.3', '1.2.3-rc.1'], semver_lt: ['1.2.3', '1.2.2'], semver_lte: ['1.2.3', '2.0.0'],
  semver_between: [['1.0.0', '2.0.0'], '1.5.0'],
  contains_all: [['a', 1], ['a', '1']], contains_any: [['a'], ['b']], contains_none: [['a'], ['b']], size_eq: [2, [1, 2]], size_gt: [1, [1, 2]], size_lt: [1, []],
  exists: [undefined, 0], not_exists: [undefined, null],
  within_radius: [{ lat: 52.52, lon: 13.405, km: 50 }, { lat: 52.39, lon: 13.06 }],
  in_rollout: [{ salt: 's', percent: 50 }, 'user-1'],
} as const satisfies Record<Operator, readonly [unknown, unknown]>;

const NOW = Date.parse('2026-03-10T12:00:00Z');

describe('operator dispatch', () => {
  it('has a test named in every row whose operand kind is shared', () => {
    assert.equal(everyRowTested, true);
    assert.ok(untestedRow && misLaid);
  });

  for (const op of OPERATORS) {
    const [operand, value] = SAMPLES[op];
    it(`${op}: the compiled matcher, the inline code and the interpreter agree`, () => {
      const parsed = parseOperand(op, operand, false, []);
      assert.ok(parsed.ok, `the sample operand of ${op} parses`);
      const compiled = matcherFor(op, parsed.operand, false)(value, NOW);
      const interpreted = applyOperator({ attr: 'a', op, ...(operand === undefined ? {} : { value: operand }) } as never, value, NOW);
      assert.equal(compiled, interpreted);
      const code = inlineClause(op, parsed.operand, false, 'a');
      assert.ok(code === undefined || code.length >= 1);
    });

    it(`${op}: has a shape, a console input and a default value`, () => {
      const positive = specOf(op).negates ?? op;
      assert.ok(shapeOf(positive, operand, false).kind.length > 0);
      assert.ok(inputFor(op).length > 0);
      defaultValueFor(op, operand);
    });
  }

  it('gives each negated operator its twin\'s operand kind and test', () => {
    for (const op of OPERATORS) {
      const spec = OPERATOR_SPECS[op];
      if (!('negates' in spec)) continue;
      const twin = OPERATOR_SPECS[spec.negates];
      assert.equal(spec.operand, twin.operand, op);
      assert.equal('test' in spec ? spec.test : undefined, 'test' in twin ? twin.test : undefined, op);
    }
  });
});
