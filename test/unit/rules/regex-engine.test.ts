// The fast regex matcher against re2js, its oracle: hand-written tricky patterns and inputs, the
// patterns it leaves to re2js, and the hand-over to the NFA simulation when its DFA passes the work cap.

import assert from 'node:assert/strict';
import { RE2JS } from 're2js';
import { compilePattern } from '../../../shared/rules/regex.ts';
import { compileFast } from '../../../shared/rules/regex/index.ts';

const oracle = (pattern: string, caseInsensitive: boolean) => {
  const re = RE2JS.compile(pattern, caseInsensitive ? RE2JS.CASE_INSENSITIVE : 0);
  return (input: string) => re.test(input);
};

const fastOrFail = (pattern: string, caseInsensitive: boolean) => {
  const fast = compileFast(pattern, caseInsensitive, () => assert.fail(`${pattern} gave up its DFA`));
  if (!fast) return assert.fail(`${pattern} is not in the fast subset`);
  return fast;
};

const SURROGATES = ['😀', '\ud83d', '\ude00', '\ud83dx', 'x\ude00', '\ude00\ud83d', 'a😀b'];
const COMMON = ['', 'a', 'A', 'b', 'ab', 'abc', 'ABC', '\n', 'a\n', '\na', 'x\ny', '0', '_', ' ', '\t', '\v', '-', ']', '{', '}', 'é', 'É', 'K', 'k', '\u212a', 's', 'S', '\u017f', ...SURROGATES];

// [pattern, extra inputs]: every pattern is checked on COMMON plus its own inputs, with and without case folding.
const TRICKY: readonly [string, readonly string[]][] = [
  ['^[a-z0-9._%+-]+@(example|test)\\.com$', ['bob@example.com', 'Bob@Example.COM', 'bob@example.com\n', 'a@test.co', '@test.com', 'x.y+z@test.com']],
  ['^abc$', ['abc\n', 'xabc']],
  ['abc$', ['abc\n', 'xxabc']],
  ['^', []], ['$', []], ['^$', []], ['$^', []], ['a^', []], ['$a', []], ['^*a', []], ['(?:$)+', []],
  ['\\Aab\\z', ['ab\n']], ['a\\z|^b', ['ba', 'ab']],
  ['a|', []], ['|a', []], ['(|)', []], ['()', []], ['(a|b|)c', ['c', 'xc']],
  ['(a*)*', []], ['(a*)+$', ['aab']], ['(a|a?)+$', ['aa!']], ['(a+)+b', ['aaaa', 'aaab']],
  ['x{0}', []], ['ax{0}b', ['ab', 'axb']], ['a{2}', ['aa']], ['a{2,}', ['aaa']], ['^a{2,3}$', ['aa', 'aaaa']], ['(ab){1,2}?c', ['abc', 'ababc']],
  ['a{,3}', ['a{,3}']], ['a{01}', ['a{01}']], ['a{1,02}', ['a{1,02}']], ['a{', ['a{']], ['a{1', ['a{1']], ['a{1,', ['a{1,']], ['a{1,2', ['a{1,2']], ['a{x}', ['a{x}']], ['{}', ['{}']], ['a}', ['a}']],
  ['a*?b', ['b']], ['a+?', []], ['a??b', ['b']],
  ['[]a]', []], ['[^]a]', []], ['[a-]', ['-']], ['[-a]', ['-']], ['[a-c-e]', ['-', 'd', 'e']], ['[\\]]', []], ['[\\-]', ['-']], ['[[]', ['[']], ['[[:a]', ['[', ':']], ['[a[]', ['[']],
  ['[^a]', []], ['[^\\n]', []], ['[^a-z]', []], ['[\\d\\s]', []], ['[^\\D]', []], ['[\\W]', []], ['[^\\w]', []],
  ['[[:alpha:]]', []], ['[[:^alpha:][:digit:]]', []], ['[[:word:]]', []], ['[[:space:]]', ['\r', '\f']], ['[[:punct:]]', ['!', '~']], ['[[:ascii:]]', []], ['[^[:ascii:]]', []],
  ['[[:upper:]]', []], ['[[:lower:]]', []], ['[[:xdigit:]]', ['f', 'G']], ['[[:cntrl:]]', ['\x7f']], ['[[:print:]]', []], ['[[:graph:]]', []], ['[[:blank:]]', []], ['[[:alnum:]]', []],
  ['\\d', []], ['\\D', []], ['\\s', ['\r', '\f']], ['\\S', []], ['\\w', []], ['\\W', []],
  ['.', []], ['^.$', []], ['^..$', []], ['a.c', ['a\nc', 'a😀c']], ['^[^a]$', []], ['^\\W$', []],
  ['\\.', ['.', 'x']], ['\\n', []], ['\\t\\v\\f\\r\\a', ['\t\v\f\r\x07']], ['\\x41', []], ['\\x{1F600}', []], ['\\x{10FFFF}', ['\u{10FFFF}']], ['\\101', []], ['\\0', ['\0']], ['\\01', ['\x01']], ['\\17', ['\x0f']], ['[\\x41-\\x{5A}]', []],
  ['[\\x{1F600}-\\x{1F64F}]', []], ['é', []], ['😀+', ['😀😀']], ['[é-ü]', ['ñ']], ['\\*\\+\\?\\(\\)\\[\\]\\{\\}\\|\\^\\$\\\\', ['*+?()[]{}|^$\\']],
  ['(?i)abc', ['xAbCx']], ['(?i)(?i)k', []], ['(?i)[k]', []], ['(?i)[^k]', []], ['(?i)[a-z]+', []], ['(?i)[^a-z]', []], ['(?i)\\w', []], ['(?i)\\W', []], ['(?i)[[:upper:]]', []], ['(?i)[[:^lower:]]', []], ['(?i)[[:ascii:]]', []], ['(?i)[^[:ascii:]]', []], ['(?i)s', []], ['(?i)[^\\d]', []],
  ['\\pL', ['αβ', 'ǅ', '1']], ['\\PL', ['αβ', '1']], ['\\p{Greek}+$', ['αβγ', 'Ωx', 'xΩ']], ['[\\pL]', []], ['[\\pL\\d]{2}', ['é1', '1!']], ['[^\\pL\\d]', ['!']], ['\\p{^L}', ['1']], ['\\P{^L}', []],
  ['\\p{Lu}\\p{Ll}', ['Ab', 'ÉÉ', 'Éé']], ['\\pN+', ['٣']], ['\\p{Any}', []], ['\\pL{3}$', ['abc', 'ab1']],
  ['(?s)a.b', ['a\nb', 'axb']], ['(?s)^.$', []], ['(?is)A.B', ['a\nb']], ['(?si)a.', ['A\n']], ['(?i)(?s)k.', ['\u212a\n']], ['(?s)(?i)^.{2}$', ['\n\n']],
  ['(?P<name>a)b', ['ab']], ['(?<name>a)b', ['ab']], ['(?:ab)+', ['abab']],
  ['(.*a){5}', ['aaaaa', 'aaaa']], ['(x+x+)+y', ['xxxy']], ['^(([a-z])+.)+[A-Z]([a-z])+$', ['abcAbc']],
];

// Non-ASCII letters fold by Unicode's tables, which the fast matcher leaves to re2js.
const FOLDS_BEYOND_ASCII = new Set(['\\x{1F600}', '\\x{10FFFF}', '[\\x{1F600}-\\x{1F64F}]', 'é', '😀+', '[é-ü]']);

// Outside the subset: they keep re2js (compiled by it, and never wrongly accepted here).
const LEFT_TO_RE2JS = [
  '\\bfoo\\b', '\\Bx', '\\Qa.b\\E', '(?m)^b$', '(?sm)a.', '(?s:a.)b', 'a(?s).', '(?U)a+', 'a(?i)b', '(?i:a)b', '(?-i)a',
  '(?i)é', '(?i)[é]', '(?i)\\x{212A}', '(?:abc){1000}', '(abcdefghijklmnopqrstu){100}', '\ud800',
];

// Refused by re2js before they ever reach the fast parser; fed to it directly, it still gives up.
const INVALID = ['*a', '(a', '(?P<a', '[a', '[a-', '[b-a]', '[[:foo:]]', '\\', '\\1', '\\x', '\\xg1', '\\x{}', '\\x{g}', '\\x{110000}', 'a)', '[\\8]', '[a-\\8]', '[\\'];

describe('regex engine (lazy DFA against re2js)', () => {
  describe('agrees with re2js on tricky patterns', () => {
    for (const [pattern, extra] of TRICKY) {
      for (const caseInsensitive of [false, true]) {
        it(`${JSON.stringify(pattern)}${caseInsensitive ? ' (case-insensitive)' : ''}`, () => {
          const expected = oracle(pattern, caseInsensitive);
          if (caseInsensitive && FOLDS_BEYOND_ASCII.has(pattern)) {
            assert.equal(compileFast(pattern, caseInsensitive), null);
            return;
          }
          const fast = fastOrFail(pattern, caseInsensitive);
          for (const input of [...COMMON, ...extra, ...extra.map((s) => `${s}${s}`), ...extra.map((s) => `x${s}\n`)]) {
            assert.equal(fast(input), expected(input), `${JSON.stringify(pattern)} on ${JSON.stringify(input)}`);
          }
        });
      }
    }
  });

  it('agrees with re2js on 1,000-character inputs', () => {
    const inputs = ['a'.repeat(1_000), `${'ab'.repeat(499)}c\n`, `${'x'.repeat(998)}😀`, `${'bob.smith'.repeat(100)}@test.com`, '\n'.repeat(1_000)];
    for (const pattern of ['(a+)+$', '^(ab)*c$', '^.*$', '.\\z', '(?i)A{3}$', '^[a-z.]+@test\\.com$', 'x{5}😀', '[^\\n]$', 'c\\n$']) {
      const expected = oracle(pattern, false);
      const fast = fastOrFail(pattern, false);
      for (const input of inputs) assert.equal(fast(input), expected(input), `${pattern} on ${input.slice(0, 20)}...`);
    }
  });

  it('leaves patterns outside the subset to re2js', () => {
    for (const pattern of LEFT_TO_RE2JS) {
      assert.doesNotThrow(() => oracle(pattern, false), pattern);
      assert.equal(compileFast(pattern, false), null, pattern);
    }
  });

  it('gives up on malformed patterns rather than guessing', () => {
    for (const pattern of INVALID) {
      assert.throws(() => oracle(pattern, false), pattern);
      assert.equal(compileFast(pattern, false), null, pattern);
    }
  });

  it('hands a pattern over to the NFA simulation for good once its DFA passes the work cap', () => {
    // The last 13 characters seen are part of the state: thousands of DFA states.
    const pattern = 'a[ab]{12}$';
    const expected = oracle(pattern, false);
    let handovers = 0;
    const fast = compileFast(pattern, false, () => handovers++)!;
    let seed = 7;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
    const text = Array.from({ length: 20_000 }, () => (random() < 0.5 ? 'a' : 'b')).join('');
    assert.equal(fast(text), expected(text));
    assert.equal(handovers, 1);
    for (const input of [text.slice(0, 500), 'babbbbbbbbbbbb', 'b', '', `${text}\n`, ...COMMON]) assert.equal(fast(input), expected(input), JSON.stringify(input.slice(0, 20)));
    assert.equal(handovers, 1);
  });

  it('answers at once for patterns that match or fail everywhere', () => {
    for (const [pattern, caseInsensitive] of [['', false], ['a*', false], ['^', true], ['x*|^$', false]] as const) {
      const expected = oracle(pattern, caseInsensitive);
      const fast = fastOrFail(pattern, caseInsensitive);
      for (const input of COMMON) assert.equal(fast(input), expected(input), `${pattern} on ${JSON.stringify(input)}`);
    }
  });

  it('serves the fast matcher through compilePattern with the same answers', () => {
    const result = compilePattern('^[a-z0-9._%+-]+@(example|test)\\.com$', true);
    assert.ok(result.ok);
    assert.equal(result.pattern.test('Bob@Example.com'), true);
    assert.equal(result.pattern.test('bob@example.org'), false);
    const bounded = compilePattern('\\bx', false);
    assert.ok(bounded.ok);
    assert.equal(bounded.pattern.test('a x'), true);
    assert.deepEqual(compilePattern('(a', false).ok, false);
  });
});
