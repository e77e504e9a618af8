// Regex: linear-time or refused. Catastrophic patterns against 50,000-character inputs, the
// refused constructs, the RE2 dialect and the pattern length limit.

import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileFlag, evaluate, interpret, validate, type CompiledFlag, type Evaluation, type FlagInput } from '../../../shared/rules/index.ts';

/** The served variant, or undefined for an error. */
const variantOf = (e: Evaluation): string | undefined => ('variant' in e ? e.variant : undefined);

function flagMatching(pattern: string, caseInsensitive?: boolean): FlagInput {
  return {
    key: 'regex',
    enabled: true,
    variants: { hit: true, miss: false },
    offVariant: 'miss',
    defaultVariant: 'miss',
    rules: [{ id: 'r', when: { attr: 'text', op: 'matches', value: pattern, ...(caseInsensitive === undefined ? {} : { caseInsensitive }) }, serve: { variant: 'hit' } }],
  };
}

function compile(pattern: string, caseInsensitive?: boolean): CompiledFlag {
  const result = compileFlag(flagMatching(pattern, caseInsensitive));
  if (!result.ok) assert.fail(`${pattern}: ${JSON.stringify(result.errors)}`);
  return result.flag;
}

/** Whether `pattern` matches `text`, checked to agree between the compiler and the interpreter. */
function matches(pattern: string, text: unknown, caseInsensitive?: boolean): boolean {
  const compiled = evaluate(compile(pattern, caseInsensitive), { text }, { now: 0 });
  const interpreted = interpret(flagMatching(pattern, caseInsensitive), { text }, { now: 0 });
  assert.equal(variantOf(compiled), variantOf(interpreted), `compiled and interpreted differ on ${pattern} / ${JSON.stringify(text)}`);
  return variantOf(compiled) === 'hit';
}

function errorCodes(pattern: string): string[] {
  return validate(flagMatching(pattern)).errors.map((e) => e.code);
}

/**
 * How many string characters were read while `run` ran. Both engines (ours and re2js) read their
 * input only through String.prototype.charCodeAt and codePointAt, so this counts the work of a
 * match the same on every run and every machine: a linear engine reads each character a bounded
 * number of times, a search that restarts at each position reads quadratically many. (What the NFA
 * simulation does per character is bounded apart, by the width limit: regex-width.test.ts.)
 */
function readsDuring(run: () => void): number {
  const proto = String.prototype;
  const { charCodeAt, codePointAt } = proto;
  let reads = 0;
  proto.charCodeAt = function counted(this: string, at: number) {
    reads++;
    return charCodeAt.call(this, at);
  };
  proto.codePointAt = function counted(this: string, at: number) {
    reads++;
    return codePointAt.call(this, at);
  };
  try {
    run();
  } finally {
    proto.charCodeAt = charCodeAt;
    proto.codePointAt = codePointAt;
  }
  return reads;
}

const word = (n: number) => 'word '.repeat(Math.ceil(n / 5)).slice(0, n);

// [pattern, input of n characters that drives a backtracking engine to exponential time]
const CATASTROPHIC: readonly [string, (n: number) => string][] = [
  ['(a+)+$', (n) => `${'a'.repeat(n - 1)}!`],
  ['^(a+)+$', (n) => `${'a'.repeat(n - 1)}!`],
  ['(a|aa)+$', (n) => `${'a'.repeat(n - 1)}!`],
  ['(a|a?)+$', (n) => `${'a'.repeat(n - 1)}!`],
  ['(a*)*b', (n) => 'a'.repeat(n)],
  ['(x+x+)+y', (n) => 'x'.repeat(n)],
  ['(\\w+\\s?)+$', (n) => `${word(n - 1)}!`],
  ['^(([a-z])+.)+[A-Z]([a-z])+$', (n) => `${'a'.repeat(n - 1)}!`],
  ['^(\\d+)*$', (n) => `${'1'.repeat(n - 1)}x`],
  ['(.*a){20}', (n) => `${'a'.repeat(n - 1)}b`],
  ['^([a-zA-Z0-9])(([\\-.]|[_]+)?([a-zA-Z0-9]+))*(@){1}[a-z0-9]+[.]{1}(([a-z]{2,3})|([a-z]{2,3}[.]{1}[a-z]{2,3}))$', (n) => `${'a'.repeat(n - 1)}!`],
  ['^(([a-z])+.)+$', (n) => `${'ab'.repeat(n / 2 - 1)}a\u0000`],
  ['(.*){1,32000}[bc]', (n) => 'a'.repeat(n)],
  ['((a+)+)\\1', (n) => 'a'.repeat(n)],
];

describe('regex (matches)', () => {
  describe('catastrophic patterns', () => {
    for (const [pattern, input] of CATASTROPHIC) {
      it(`refuses ${pattern} at validation or matches it in linear time on 50,000 characters`, function () {
        this.timeout(30_000);
        const codes = errorCodes(pattern);
        if (codes.length > 0) {
          assert.equal(codes.length, 1);
          assert.ok(['INVALID_REGEX', 'REGEX_TOO_COMPLEX'].includes(codes[0]!), codes[0]);
          assert.equal(compileFlag(flagMatching(pattern)).ok, false);
          return;
        }
        const flag = compile(pattern);
        const small = input(5_000);
        const large = input(50_000);
        assert.equal(large.length, 50_000);
        // Exponential would never return (the test's timeout); quadratic reads 100x at 10x the input.
        const readsSmall = readsDuring(() => evaluate(flag, { text: small }, { now: 0 }));
        const readsLarge = readsDuring(() => evaluate(flag, { text: large }, { now: 0 }));
        assert.ok(readsSmall > 0, 'the input was not read through charCodeAt or codePointAt: an engine this test cannot count');
        assert.ok(readsLarge <= 4 * large.length, `${readsLarge} characters read on 50,000`);
        assert.ok(readsLarge <= 12 * readsSmall, `${readsLarge} characters read on 50,000 vs ${readsSmall} on 5,000 (${(readsLarge / readsSmall).toFixed(1)}x)`);
      });
    }

    it('gives the same answer on catastrophic inputs from the compiler and the interpreter', () => {
      assert.equal(matches('(a+)+$', `${'a'.repeat(49_999)}!`), false);
      assert.equal(matches('(a+)+$', 'a'.repeat(50_000)), true);
      assert.equal(matches('^(a+)+$', `${'a'.repeat(49_999)}!`), false);
      assert.equal(matches('(x+x+)+y', 'x'.repeat(50_000)), false);
      assert.equal(matches('(x+x+)+y', `${'x'.repeat(49_999)}y`), true);
    });
  });

  describe('refused constructs', () => {
    const refused = ['(?=a)b', '(?!a)b', '(?<=a)b', '(?<!a)b', '(a)\\1', '(?P<n>a)(?P=n)', '(?<n>a)\\k<n>', 'a++', '(?>a)', '\\C', '(', '[a-', 'a{1001}', 'x**'];
    for (const pattern of refused) {
      it(`refuses ${pattern} with INVALID_REGEX at the clause's value`, () => {
        const { errors } = validate(flagMatching(pattern));
        assert.deepEqual(
          errors.map((e) => [e.code, e.path]),
          [['INVALID_REGEX', '/rules/0/when/value']],
        );
        assert.match(errors[0]!.message, /RE2/);
      });
    }

    it('never builds a backtracking RegExp from anything in shared/rules', () => {
      const root = fileURLToPath(new URL('../../../shared/rules/', import.meta.url));
      const sources = (readdirSync(root, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts'));
      for (const file of sources) {
        const text = readFileSync(join(root, file), 'utf8');
        assert.doesNotMatch(text, /new\s+RegExp\s*\(|[^\w.]RegExp\s*\(/, `${file} builds a RegExp`);
      }
    });
  });

  describe('RE2 dialect', () => {
    const rows: readonly [pattern: string, text: string, expected: boolean, caseInsensitive?: boolean][] = [
      ['^\\d+$', '12345', true],
      ['^\\d+$', '12a45', false],
      ['^\\w+$', 'snake_case9', true],
      ['^\\w+$', 'kebab-case', false],
      ['a\\sb', 'a\tb', true],
      ['a\\sb', 'a-b', false],
      ['^\\D\\W\\S$', 'x-y', true],
      ['^[[:alpha:]]+$', 'Alpha', true],
      ['^[[:alpha:]]+$', 'Alpha1', false],
      ['^[[:digit:][:upper:]]+$', 'AB12', true],
      ['^[[:^alpha:]]+$', '123', true],
      ['^\\p{Greek}+$', 'αβγ', true],
      ['^\\pL+$', 'é日本', true],
      ['(?i)^abc$', 'AbC', true],
      ['^abc$', 'AbC', false],
      ['(?i)^é$', 'É', true],
      ['^.$', '😀', true],
      ['(?P<year>\\d{4})-(?P<month>\\d{2})', 'on 2026-03-29', true],
      ['\\Qa.b\\E', 'a.b', true],
      ['\\Qa.b\\E', 'axb', false],
      ['a.b', 'a\nb', false],
      ['(?s)a.b', 'a\nb', true],
      ['(?m)^b$', 'a\nb', true],
      ['^b$', 'a\nb', false],
      ['\\bfoo\\b', 'a foo b', true],
      ['\\bfoo\\b', 'afoob', false],
      ['^a{2,3}$', 'aaa', true],
      ['^a{2,3}$', 'aaaa', false],
    ];
    for (const [pattern, text, expected] of rows) {
      it(`matches(${JSON.stringify(pattern)}, ${JSON.stringify(text)}) -> ${expected}`, () => {
        assert.deepEqual(validate(flagMatching(pattern)).errors, []);
        assert.equal(matches(pattern, text), expected);
      });
    }

    it('folds case when the clause says caseInsensitive', () => {
      assert.equal(matches('^user@example\\.com$', 'USER@Example.COM', true), true);
      assert.equal(matches('^user@example\\.com$', 'USER@Example.COM', false), false);
      assert.equal(matches('^user@example\\.com$', 'USER@Example.COM'), false);
    });

    it('searches anywhere in the value unless the pattern is anchored', () => {
      assert.equal(matches('abc', 'xxabcxx'), true);
      assert.equal(matches('^abc', 'xxabcxx'), false);
      assert.equal(matches('abc$', 'xxabcxx'), false);
      assert.equal(matches('^abc$', 'abc'), true);
      assert.equal(matches('', 'anything'), true);
    });

    it('matches only string attributes', () => {
      assert.equal(matches('^\\d+$', 12345), false);
      assert.equal(matches('true', true), false);
      assert.equal(matches('.*', null), false);
      assert.equal(matches('.*', undefined), false);
      assert.equal(matches('.*', ['a']), false);
    });
  });

  describe('pattern length', () => {
    it('accepts a pattern of 256 characters', () => {
      assert.deepEqual(validate(flagMatching('a'.repeat(256))).errors, []);
      assert.equal(matches('a'.repeat(256), 'a'.repeat(300)), true);
    });

    it('refuses a pattern of 257 characters with REGEX_TOO_LONG', () => {
      const { errors } = validate(flagMatching('a'.repeat(257)));
      assert.deepEqual(
        errors.map((e) => [e.code, e.path]),
        [['REGEX_TOO_LONG', '/rules/0/when/value']],
      );
    });

    it('refuses a non-string pattern with INVALID_OPERAND', () => {
      assert.deepEqual(
        validate(flagMatching(42 as unknown as string)).errors.map((e) => e.code),
        ['INVALID_OPERAND'],
      );
    });
  });
});
