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
import { compileFast } from './regex/index.ts';
import { programSize, UNICODE_CLASS_WEIGHT } from './regex/size.ts';

export type Pattern = {
  readonly source: string;
  readonly test: (input: string) => boolean;
  /** Weighted instructions of its program (regex/size.ts), what a flag's regex budget adds up. */
  readonly size: number;
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
  return { ok: true, pattern: { source, size, test: compileFast(source, caseInsensitive) ?? ((input) => re.test(input)) } };
}
