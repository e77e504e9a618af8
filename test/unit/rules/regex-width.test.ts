// The width limit, as classes of patterns: shapes whose DFA cannot be built in full are held to
// LIMITS.regexWidth alternatives tracked at once (at the limit, and one past, with the reason and
// the counted repetition to simplify); shapes whose DFA is built in full (long literals, counted
// classes without an exploding tail) are accepted whatever their width.

import assert from 'node:assert/strict';
import { compileFlag, LIMITS, validate } from '../../../shared/rules/index.ts';
import { compilePattern } from '../../../shared/rules/regex.ts';
import { compileMatcher } from '../../../shared/rules/regex/index.ts';
import { aClause, aFlag, aRule } from '../../helpers/builders.ts';

const matchesFlag = (value: string) => aFlag({ rules: [aRule({ any: [aClause('text', 'matches', value)] })] });
const W = LIMITS.regexWidth;

// [name, pattern with `width` reading nodes]: each explodes its DFA (the last n characters are its state).
const EXPLODING: readonly [string, (width: number) => string][] = [
  ['an anchored tail', (w) => `a[ab]{${w - 1}}$`],
  ['an alternation with an anchored tail', (w) => `x|a[ab]{${w - 2}}$`],
  ['a case-insensitive anchored tail', (w) => `(?i)a[ab]{${w - 1}}$`],
];

describe('regex width (alternatives tracked at once)', () => {
  for (const [name, shape] of EXPLODING) {
    it(`${name}: accepted at ${W} alternatives, refused at ${W + 1} with the reason`, () => {
      const at = compileMatcher(shape(W), false)!;
      assert.deepEqual([at.dfa, at.width], [false, W]);
      assert.deepEqual(validate(matchesFlag(shape(W))).errors, []);
      const past = shape(W + 1);
      assert.equal(compileMatcher(past, false)!.width, W + 1);
      const { errors } = validate(matchesFlag(past));
      assert.deepEqual(errors.map((e) => [e.code, e.path]), [['REGEX_TOO_COMPLEX', '/rules/0/when/any/0/value']]);
      assert.match(errors[0]!.message, new RegExp(`can track up to ${W + 1} alternatives at once.*the limit is ${W}, 1 over; simplify the counted repetition \\{${W - (name.includes('alternation') ? 1 : 0)}\\}`));
      assert.equal(compileFlag(matchesFlag(past)).ok, false);
    });
  }

  const WIDE_BUT_DETERMINISTIC = ['a'.repeat(LIMITS.regexLength), 'a{298}', '(?i)a{298}', '[ab]{297}c', '[a-z]{297}$', '^\\d{3}-\\d{4}(?:\\d{2}){50}$', 'abcdefgh'.repeat(32)];
  for (const source of WIDE_BUT_DETERMINISTIC) {
    it(`accepts ${JSON.stringify(source.slice(0, 40))} (its DFA is built in full, one table read per character)`, () => {
      const matcher = compileMatcher(source, false)!;
      assert.equal(matcher.dfa, true);
      assert.ok(matcher.width > W);
      assert.equal(compilePattern(source, false).ok, true);
    });
  }

  it('says what to simplify when no counted repetition is to blame', () => {
    const source = `a(?:[ab]|x)(?:[ab]|x)${'[ab]'.repeat(W - 2)}$`;
    assert.equal(compileMatcher(source, false)!.dfa, false);
    const result = compilePattern(source, false);
    assert.equal(result.ok, false);
    assert.match(!result.ok ? result.message : '', /alternatives at once.*simplify the pattern/);
  });
});

// Patterns our engine leaves to re2js are held to LIMITS.regexWidthRe2js reading instructions.
const RE2JS_SHAPES: readonly [string, (width: number) => string][] = [
  ['a word boundary', (w) => `\\b[ab]{${w}}\\b`],
  ['multi-line anchors', (w) => `(?m)^[ab]{${w}}$`],
  ['non-ASCII case folding', (w) => `(?i)é[éa]{${w - 1}}$`],
  ['a flag inside the pattern', (w) => `x(?i)[ab]{${w - 1}}`],
];

describe('regex width on patterns left to re2js', () => {
  const R = LIMITS.regexWidthRe2js;
  for (const [name, shape] of RE2JS_SHAPES) {
    it(`${name}: accepted at ${R} alternatives, refused at ${R + 1} with the reason`, () => {
      assert.equal(compileMatcher(shape(R), false), null);
      const at = compilePattern(shape(R), false);
      assert.deepEqual(at.ok && at.pattern.engine, 're2js');
      assert.deepEqual(validate(matchesFlag(shape(R))).errors, []);
      const { errors } = validate(matchesFlag(shape(R + 1)));
      assert.deepEqual(errors.map((e) => e.code), ['REGEX_TOO_COMPLEX']);
      assert.match(errors[0]!.message, new RegExp(`can track up to ${R + 1} alternatives at once.*the limit is ${R} for patterns using .*, 1 over; simplify the counted repetition`));
      assert.equal(compileFlag(matchesFlag(shape(R + 1))).ok, false);
    });
  }
});
