// Errors are told from values by what they are, never by their shape: a value that looks like an
// issue (`{ code, path, message }`) anywhere in any operator's operand is judged as a value, and
// every error validation reports carries a code from the catalogue.

import assert from 'node:assert/strict';
import fc from 'fast-check';
import { compileFlag, ISSUE_CODES, OPERATORS, validate, type Operator } from '../../shared/rules/index.ts';

const CODES = new Set<string>(ISSUE_CODES);

const issueShaped = fc.record({ code: fc.oneof(fc.constantFrom(...ISSUE_CODES), fc.string()), path: fc.string(), message: fc.string() });
const anyValue = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), issueShaped);
/** Lists and pairs whose first member (what a shape test would look at) is shaped like an issue. */
const operand = fc.oneof(
  fc.tuple(issueShaped, fc.array(anyValue, { maxLength: 3 })).map(([first, rest]) => [first, ...rest]),
  fc.tuple(issueShaped, anyValue),
  issueShaped,
  fc.array(issueShaped, { minLength: 1, maxLength: 3 }),
);

const flagWith = (op: Operator, value: unknown) => ({
  key: 'f', enabled: true, variants: { on: true, off: false }, offVariant: 'off', defaultVariant: 'off',
  rules: [{ id: 'r', when: { ...(op === 'time_window' ? {} : { attr: 'a' }), op, value }, serve: { variant: 'on' } }],
});

describe('issue-shaped values are values', () => {
  it('every error of every operator over issue-shaped operands has a catalogue code and a path under the clause', () => {
    fc.assert(
      fc.property(fc.constantFrom(...OPERATORS), operand, (op, value) => {
        const { errors } = validate(flagWith(op, value));
        for (const e of errors) {
          assert.ok(CODES.has(e.code), `${op} ${JSON.stringify(value)}: code ${e.code} is not in the catalogue`);
          assert.ok(e.path.startsWith('/rules/0/when'), `${op}: path ${e.path}`);
        }
        const compiled = compileFlag(flagWith(op, value), {});
        if (!compiled.ok) for (const e of compiled.errors) assert.ok(CODES.has(e.code), e.code);
      }),
      { numRuns: 600 },
    );
  });

  for (const op of ['in', 'not_in', 'contains_any', 'contains_all', 'contains_none'] as const) {
    it(`${op}([{ code, path, message }]) -> INVALID_OPERAND at /rules/0/when/value/0`, () => {
      const { errors } = validate(flagWith(op, [{ code: 'NOT_A_CODE', path: '/x', message: 'm' }]));
      assert.deepEqual(errors.map((e) => [e.code, e.path]), [['INVALID_OPERAND', '/rules/0/when/value/0']]);
    });
  }

  it('between([{ code, path, message }, 5]) -> INVALID_OPERAND at /rules/0/when/value/0', () => {
    const { errors } = validate(flagWith('between', [{ code: 'X', path: '/y', message: 'm' }, 5]));
    assert.deepEqual(errors.map((e) => [e.code, e.path]), [['INVALID_OPERAND', '/rules/0/when/value/0']]);
  });
});
