// The fast matcher: for a pattern in the common RE2 subset, a search over a lazily built DFA that
// answers exactly as re2js does; otherwise null, and the caller keeps re2js. Input is read as
// re2js reads it: a surrogate pair is one code point, a lone surrogate is a code point of its own.

import { DEAD, GIVE_UP, LazyDfa, MATCH, UNKNOWN } from './dfa.ts';
import { buildNfa } from './nfa.ts';
import { parsePattern } from './parse.ts';
import { nfaSearcher } from './pike.ts';

export type Test = (input: string) => boolean;

/**
 * A search function for `source`, or null when it is outside the subset. The NFA simulation takes
 * over for good if the DFA passes a cap (`onGiveUp` is told, once), so matching stays linear in
 * the input, at most one step per NFA node per character, either way.
 */
export function compileFast(source: string, caseInsensitive: boolean, onGiveUp?: () => void): Test | null {
  const tree = parsePattern(source, caseInsensitive);
  const nfa = tree && buildNfa(tree);
  if (!nfa) return null;
  // Built on the first search, so validating a pattern costs no DFA; null once it gave up.
  let dfa: LazyDfa | null | undefined;
  let simulate: Test | undefined;
  const fallback: Test = (input) => (simulate ??= nfaSearcher(nfa))(input);
  return (input) => {
    if (dfa === undefined) dfa = new LazyDfa(nfa);
    if (dfa === null) return fallback(input);
    const found = search(dfa, input);
    if (found !== null) return found;
    // Dropping the DFA frees its tables; the simulation builds nothing, whatever the input.
    dfa = null;
    onGiveUp?.();
    return fallback(input);
  };
}

/** Whether `input` contains a match, or null if the DFA passed its cap. */
function search(dfa: LazyDfa, input: string): boolean | null {
  const n = input.length;
  if (n === 0) return dfa.emptyMatches;
  // Every path of the NFA ends in ACCEPT and nothing blocks it at the start, so `initial` is never DEAD.
  if (dfa.initial === MATCH) return true;
  const { ascii, classOf, size } = dfa.alphabet;
  let table = dfa.table;
  let state = dfa.initial;
  let i = 0;
  while (i < n) {
    let c = input.charCodeAt(i++);
    let cls: number;
    if (c < 128) cls = ascii[c]!;
    else {
      if (c >= 0xd800 && c <= 0xdbff && i < n) {
        const low = input.charCodeAt(i);
        if (low >= 0xdc00 && low <= 0xdfff) {
          c = ((c - 0xd800) << 10) + (low - 0xdc00) + 0x10000;
          i++;
        }
      }
      cls = classOf(c);
    }
    let to = table[state + cls]!;
    if (to < 0) {
      if (to === UNKNOWN) {
        to = dfa.step(state, cls);
        table = dfa.table;
      }
      if (to === MATCH) return true;
      if (to === DEAD) return false;
      if (to === GIVE_UP) return null;
    }
    state = to;
  }
  return dfa.acceptsAtEnd[state / size] === 1;
}
