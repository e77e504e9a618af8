// The fast matcher: for a pattern in the common RE2 subset, a search over a lazily built DFA that
// answers exactly as re2js does; otherwise null, and the caller keeps re2js. Input is read as
// re2js reads it: a surrogate pair is one code point, a lone surrogate is a code point of its own.

import { DEAD, LazyDfa, MATCH } from './dfa.ts';
import { buildNfa, READ } from './nfa.ts';
import { parsePattern } from './parse.ts';
import { nfaSearcher } from './pike.ts';

export type Test = (input: string) => boolean;

/** How a fast-subset pattern matches, decided once when it is compiled. */
export type FastMatcher = {
  readonly test: Test;
  /**
   * True when the whole DFA was built at compile time within its caps: every search is then one
   * table read per character, whatever the input. False when it was not (an exploding shape such
   * as `a[ab]{12}$`): every search then runs the NFA simulation, one step per live node per
   * character, so its cost is bounded by `width`.
   */
  readonly dfa: boolean;
  /** Reading nodes of the NFA: how many alternatives the simulation may track at once, at most. */
  readonly width: number;
};

/**
 * Compiles `source` for the fast matcher, or null when it is outside the subset. The DFA is built
 * in full here, within its caps, so no search ever builds states: a first search on crafted input
 * costs what any other does. Past a cap the DFA is dropped and `onGiveUp` told.
 */
export function compileMatcher(source: string, caseInsensitive: boolean, onGiveUp?: () => void): FastMatcher | null {
  const tree = parsePattern(source, caseInsensitive);
  const nfa = tree && buildNfa(tree);
  if (!nfa) return null;
  const width = nfa.kinds.reduce((reads, kind) => reads + (kind === READ ? 1 : 0), 0);
  const dfa = new LazyDfa(nfa);
  if (dfa.explore()) return { dfa: true, width, test: (input) => search(dfa, input) };
  onGiveUp?.();
  return { dfa: false, width, test: nfaSearcher(nfa) };
}

/** A search function for `source`, or null when it is outside the subset (see compileMatcher). */
export function compileFast(source: string, caseInsensitive: boolean, onGiveUp?: () => void): Test | null {
  return compileMatcher(source, caseInsensitive, onGiveUp)?.test ?? null;
}

/** Whether `input` contains a match, over a DFA built in full (no transition is unknown). */
function search(dfa: LazyDfa, input: string): boolean {
  const n = input.length;
  if (n === 0) return dfa.emptyMatches;
  // Every path of the NFA ends in ACCEPT and nothing blocks it at the start, so `initial` is never DEAD.
  if (dfa.initial === MATCH) return true;
  const { ascii, classOf } = dfa.alphabet;
  const table = dfa.table;
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
    const to = table[state + cls]!;
    if (to < 0) return to === MATCH ? true : to === DEAD ? false : unreachable(to);
    state = to;
  }
  return dfa.acceptsAtEnd[state / dfa.alphabet.size] === 1;
}

function unreachable(value: number): never {
  throw new Error(`regex DFA: transition ${value} left unknown after a complete build`);
}
