// What a pattern compiles to, as classes of patterns: counted repetitions (nested), Unicode classes,
// alternations and case folding, each measured against re2js's own program, held to the limit per
// clause (at the limit and one past) and to the budget per flag, segments included.

import assert from 'node:assert/strict';
import fc from 'fast-check';
import { RE2JS } from 're2js';
import { compileFlag, LIMITS, validate, type Condition, type Segment } from '../../../shared/rules/index.ts';
import { compilePattern } from '../../../shared/rules/regex.ts';
import { programSize, UNICODE_CLASS_WEIGHT } from '../../../shared/rules/regex/size.ts';
import { check, SEED } from '../../helpers/arbitraries.ts';
import { aClause, aFlag, aRule, aSegment } from '../../helpers/builders.ts';

const re2jsInstructions = (source: string, caseInsensitive = false): number | undefined => {
  try {
    return (RE2JS.compile(source, caseInsensitive ? RE2JS.CASE_INSENSITIVE : 0) as unknown as { re2Input: { prog: { numInst(): number } } }).re2Input.prog.numInst();
  } catch {
    return undefined;
  }
};

const ATOMS = ['a', 'é', '.', '\\d', '\\w', '[a-z]', '[^x]', '\\pL', '\\p{Greek}', '[\\pL\\d]', '\\PN', '[[:alpha:]]', '\\b', '^', '$', '\\Qa.b\\E', '\\x{1F600}'];
const COUNTS = ['*', '+', '?', '{2}', '{3,}', '{0,4}', '{5,9}', '{10}', '{30}', '{50,99}?', '{0}'];

type Grammar = { pattern: string; atom: string; concat: string; alt: string; repeat: string; group: string };
const { pattern } = fc.letrec<Grammar>((tie) => ({
  pattern: fc.oneof({ depthSize: 'small' }, tie('atom'), tie('concat'), tie('alt'), tie('repeat')),
  atom: fc.constantFrom(...ATOMS),
  group: fc.tuple(fc.constantFrom('(', '(?:', '(?P<g>', '(?i:'), tie('pattern')).map(([open, inner]) => `${open}${inner})`),
  concat: fc.array(tie('pattern'), { minLength: 2, maxLength: 4 }).map((items) => items.join('')),
  alt: fc.array(tie('pattern'), { minLength: 2, maxLength: 3 }).map((items) => items.join('|')),
  repeat: fc.tuple(fc.oneof(tie('atom'), tie('group')), fc.constantFrom(...COUNTS)).map(([sub, q]) => `${sub}${q}`),
}));
const patterns = fc.tuple(fc.boolean(), pattern).map(([fold, p]) => ({ source: fold ? `(?i)${p}` : p, fold }));

const matchesFlag = (...values: string[]) => aFlag({ rules: [aRule({ any: values.map((v) => aClause('text', 'matches', v)) })] });

describe('regex program size', () => {
  it(`counts at least the instructions re2js compiles generated patterns to (seed ${SEED})`, () => {
    let measured = 0;
    check(
      fc.property(patterns, ({ source, fold }) => {
        const expected = re2jsInstructions(source, fold);
        if (expected === undefined) return;
        measured++;
        const { instructions, weight } = programSize(source);
        // An upper bound: re2js merges alternations of single characters into one class, and more.
        assert.ok(instructions >= expected, `${source}: ${instructions} < re2js's ${expected}`);
        assert.ok(weight >= instructions && weight <= UNICODE_CLASS_WEIGHT * instructions);
      }),
      2_000,
    );
    assert.ok(measured > 1_000, `only ${measured} valid patterns`);
  });

  const exact = ['', 'abc', 'a*', 'a+?', '(a)', '(?:ab)+', 'a{2,5}', 'a{2,}', 'x{0}', '(a*)*', '\\bfoo\\b', '^\\pL+$', '\\Qa.b\\E', '\\d{4}-\\d{2}-\\d{2}', '(?i)[a-z]{3}', '^[a-z0-9._%+-]+@(?:example|test)\\.com$'];
  for (const source of exact) {
    it(`counts ${JSON.stringify(source)} as re2js compiles it`, () => {
      assert.equal(programSize(source).instructions, re2jsInstructions(source));
    });
  }

  it('accepts each generated pattern under the limit and refuses each past it, saying by how much', () => {
    check(
      fc.property(patterns, ({ source, fold }) => {
        if (source.length > LIMITS.regexLength || re2jsInstructions(source, fold) === undefined) return;
        const { weight } = programSize(source);
        const result = compilePattern(source, fold);
        if (weight <= LIMITS.regexProgramSize) {
          // Under the size limit, only the width limit may still refuse it (regex-width.test.ts).
          if (!result.ok && result.code === 'REGEX_TOO_COMPLEX' && result.message.includes('alternatives at once')) return;
          assert.ok(result.ok, source);
          assert.equal(result.pattern.size, weight);
          return;
        }
        assert.ok(!result.ok, source);
        assert.equal(result.code, 'REGEX_TOO_COMPLEX');
        assert.ok(result.message.includes(`compiles to ${weight} weighted instructions`), result.message);
        assert.ok(result.message.includes(`the limit is ${LIMITS.regexProgramSize}, ${weight - LIMITS.regexProgramSize} over`), result.message);
      }),
      1_000,
    );
  });

  // Every program weighs 2 more than its pattern's parts: re2js's FAIL and MATCH.
  const room = LIMITS.regexProgramSize - 2;
  const unicodeCount = Math.floor(room / 2 / UNICODE_CLASS_WEIGHT);
  const atTheLimit: readonly [string, string][] = [
    ['a counted repetition', `a{${room}}`],
    ['a Unicode class repeated', `\\pL{${unicodeCount}}x{${room - unicodeCount * UNICODE_CLASS_WEIGHT}}`],
    // (?:ab){7}c weighs 15.
    ['nested repetitions', `(?:(?:ab){7}c){${Math.floor(room / 15)}}${'d'.repeat(room % 15)}`],
    // One ALT joins the two branches (a non-ASCII letter would leave it to re2js, held to a lower width).
    ['a case-insensitive alternation', `(?i)(?:x{${room - 2}}|k)`],
  ];
  for (const [name, source] of atTheLimit) {
    it(`accepts ${name} that compiles to exactly the limit, and refuses one instruction more`, () => {
      assert.equal(programSize(source).weight, LIMITS.regexProgramSize, source);
      assert.deepEqual(validate(matchesFlag(source)).errors, []);
      const { errors } = validate(matchesFlag(`${source}z`));
      assert.deepEqual(errors.map((e) => [e.code, e.path]), [['REGEX_TOO_COMPLEX', '/rules/0/when/any/0/value']]);
      assert.match(errors[0]!.message, new RegExp(`compiles to ${LIMITS.regexProgramSize + 1} weighted instructions.*the limit is ${LIMITS.regexProgramSize}, 1 over`));
    });
  }

  it('refuses a short counted repetition over a Unicode class that compiles past the limit, saying by how much', () => {
    const { errors } = validate(matchesFlag('\\pL{1000}'));
    assert.deepEqual(errors.map((e) => e.code), ['REGEX_TOO_COMPLEX']);
    const weight = 1000 * UNICODE_CLASS_WEIGHT + 2;
    assert.match(errors[0]!.message, new RegExp(`compiles to ${weight} .*the limit is ${LIMITS.regexProgramSize}, ${weight - LIMITS.regexProgramSize} over`));
  });

  it('refuses in compileFlag what validation refuses, so a stored document cannot bypass it', () => {
    const result = compileFlag(matchesFlag('(?i)[\\p{Greek}\\d]{100}'));
    assert.equal(result.ok, false);
    assert.deepEqual(!result.ok && result.errors.map((e) => e.code), ['REGEX_TOO_COMPLEX']);
  });
});

describe('regex budget per flag', () => {
  const full = `a{${LIMITS.regexProgramSize - 2}}`;
  const clauses = LIMITS.regexProgramSizePerFlag / LIMITS.regexProgramSize;

  it('accepts a flag whose regex clauses add up to exactly the budget', () => {
    assert.equal(Number.isInteger(clauses), true);
    assert.deepEqual(validate(matchesFlag(...Array.from({ length: clauses }, () => full))).errors, []);
  });

  it('refuses a flag one instruction past the budget, at its rules, saying by how much', () => {
    const doc = matchesFlag(...Array.from({ length: clauses - 1 }, () => full), `a{${LIMITS.regexProgramSize - 1}}`.replace(`{${LIMITS.regexProgramSize - 1}}`, `{${LIMITS.regexProgramSize - 3}}b`));
    const over = LIMITS.regexProgramSizePerFlag;
    assert.equal(validate(doc).errors.length, 0, 'the same total, spelled differently, is still at the budget');
    const past = matchesFlag(...Array.from({ length: clauses }, () => full), 'x');
    const { errors } = validate(past);
    assert.deepEqual(errors.map((e) => [e.code, e.path]), [['REGEX_BUDGET_EXCEEDED', '/rules']]);
    assert.match(errors[0]!.message, new RegExp(`${over + 3} weighted instructions together; the limit per flag is ${over}, 3 over`));
    assert.equal(compileFlag(past).ok, false);
  });

  it('counts the regex clauses of the segments a flag reaches, each segment once', () => {
    const heavy: Condition = { any: Array.from({ length: clauses }, () => aClause('text', 'matches', full)) };
    const segments: Record<string, Segment> = { heavy: aSegment('heavy', heavy), outer: aSegment('outer', { segment: 'heavy' }) };
    const twice = aFlag({ rules: [aRule({ segment: 'outer' }, { id: 'a' }), aRule({ segment: 'heavy' }, { id: 'b' })] });
    assert.deepEqual(validate(twice, { segments }).errors, []);
    const plus = aFlag({ rules: [aRule({ all: [{ segment: 'outer' }, aClause('text', 'matches', 'x')] })] });
    const { errors } = validate(plus, { segments });
    assert.deepEqual(errors.map((e) => e.code), ['REGEX_BUDGET_EXCEEDED']);
    assert.match(errors[0]!.message, new RegExp(`\\(${LIMITS.regexProgramSizePerFlag} through segments\\)`));
    assert.equal(compileFlag(plus, { segments }).ok, false);
  });

  it('leaves a clause refused on its own out of the total, so it is reported once', () => {
    const { errors } = validate(matchesFlag(...Array.from({ length: clauses }, () => full), '\\pL{1000}'));
    assert.deepEqual(errors.map((e) => e.code), ['REGEX_TOO_COMPLEX']);
  });
});
