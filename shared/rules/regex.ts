// The one regex engine of the rule language: re2js, a pure-JavaScript port of RE2. It matches in
// time linear in the input and refuses backreferences and lookaround, so no pattern can stall an
// evaluation; its dialect is RE2's, which Go, Rust's regex crate and RE2 itself match exactly.
// Native `re2` would need an install script; a backtracking RegExp is never given a user pattern.
// re2js validates every pattern; the common subset then runs on our lazy DFA (regex/), which is
// linear too and several times faster (and hands over to an NFA simulation past its work cap);
// anything else keeps matching with re2js. What a pattern compiles to is bounded (regex/size.ts):
// its length alone lets `\pL{1000}` through.

import { RE2JS } from 're2js';
import { LIMITS } from './limits.ts';
import { compileMatcher } from './regex/index.ts';
import { programSize, UNICODE_CLASS_WEIGHT } from './regex/size.ts';
import { re2jsWidth } from './regex/unicode.ts';

export type Pattern = {
  readonly source: string;
  readonly test: (input: string) => boolean;
  /** Weighted instructions of its program (regex/size.ts), what a flag's regex budget adds up. */
  readonly size: number;
  /** What matches it: the DFA built at compile time, the width-bounded NFA simulation, or re2js. */
  readonly engine: 'dfa' | 'nfa' | 're2js';
};

export type PatternResult = { ok: true; pattern: Pattern } | { ok: false; code: 'REGEX_TOO_LONG' | 'INVALID_REGEX' | 'REGEX_TOO_COMPLEX'; message: string };

export function compilePattern(source: string, caseInsensitive: boolean): PatternResult {
  if (source.length > LIMITS.regexLength) {
    return { ok: false, code: 'REGEX_TOO_LONG', message: `pattern has ${source.length} characters; the limit is ${LIMITS.regexLength}` };
  }
  let re: RE2JS;
  try {
    re = RE2JS.compile(source, caseInsensitive ? RE2JS.CASE_INSENSITIVE : 0);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, code: 'INVALID_REGEX', message: `not a valid RE2 pattern: ${message}` };
  }
  // Measured only once re2js accepted it: the size walker trusts the syntax.
  const { weight: size } = programSize(source);
  if (size > LIMITS.regexProgramSize) {
    return { ok: false, code: 'REGEX_TOO_COMPLEX', message: `pattern compiles to ${size} weighted instructions (counted repetitions expanded, a Unicode class counting ${UNICODE_CLASS_WEIGHT}); the limit is ${LIMITS.regexProgramSize}, ${size - LIMITS.regexProgramSize} over` };
  }
  // Its worst case: one table read per character when the DFA is built in full, else up to one
  // step per alternative tracked (the width) per character. Patterns left to re2js are held to a
  // lower width (its program's reading instructions; the program size if it cannot be read).
  const fast = compileMatcher(source, caseInsensitive);
  if (fast && !fast.dfa && fast.width > LIMITS.regexWidth) {
    return { ok: false, code: 'REGEX_TOO_COMPLEX', message: widthMessage(source, fast.width, LIMITS.regexWidth) };
  }
  if (!fast) {
    const width = re2jsWidth(re) ?? programSize(source).instructions;
    if (width > LIMITS.regexWidthRe2js) return { ok: false, code: 'REGEX_TOO_COMPLEX', message: widthMessage(source, width, LIMITS.regexWidthRe2js) };
  }
  const engine = !fast ? 're2js' : fast.dfa ? 'dfa' : 'nfa';
  return { ok: true, pattern: { source, size, engine, test: fast?.test ?? ((input) => re.test(input)) } };
}

/** Why a pattern is too costly, in words for whoever wrote it, naming its largest counted repetition. */
function widthMessage(source: string, width: number, limit: number): string {
  let largest: string | undefined;
  let most = -1;
  // A fixed, linear scan of the pattern's text (never a RegExp built from it).
  for (const match of source.matchAll(/\{(\d+)(,(\d*))?\}/g)) {
    const count = Math.max(Number(match[1]), Number(match[3] || 0));
    if (count > most) {
      most = count;
      largest = match[0];
    }
  }
  const hint = largest ? `simplify the counted repetition ${largest}` : 'simplify the pattern (fewer alternatives or repetitions)';
  return `this pattern can track up to ${width} alternatives at once while matching, which makes long values slow to check; the limit is ${limit}${limit === LIMITS.regexWidthRe2js ? ' for patterns using \\b, (?m), flags inside the pattern or case-insensitive non-ASCII letters' : ''}, ${width - limit} over; ${hint}`;
}
