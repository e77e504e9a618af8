// The one regex engine of the rule language: re2js, a pure-JavaScript port of RE2. It matches in
// time linear in the input and refuses backreferences and lookaround, so no pattern can stall an
// evaluation; its dialect is RE2's, which Go, Rust's regex crate and RE2 itself match exactly.
// Native `re2` would need an install script; a backtracking RegExp is never given a user pattern.
// re2js validates every pattern; the common subset then runs on our lazy DFA (regex/), which is
// linear too and several times faster (and hands over to an NFA simulation past its work cap);
// anything else keeps matching with re2js.

import { RE2JS } from 're2js';
import { LIMITS } from './limits.ts';
import { compileFast } from './regex/index.ts';

export type Pattern = { readonly source: string; readonly test: (input: string) => boolean };

export type PatternResult = { ok: true; pattern: Pattern } | { ok: false; code: 'REGEX_TOO_LONG' | 'INVALID_REGEX'; message: string };

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
  return { ok: true, pattern: { source, test: compileFast(source, caseInsensitive) ?? ((input) => re.test(input)) } };
}
