// A DFA built lazily from the NFA while matching: a state is the set of NFA nodes alive at a
// position, and each (state, class) transition is computed once, then read from a typed array.
// Every step costs O(1) once cached and O(NFA size) the first time, so a search is linear in the
// input whatever the pattern. States, table cells and the work of building them are capped; past a
// cap the caller drops the DFA and searches with the NFA simulation (pike.ts), linear too.

import { buildAlphabet, type Alphabet } from './alphabet.ts';
import { ACCEPT, BEGIN, END, READ, SPLIT, type Nfa } from './nfa.ts';
import { rangesContain } from './ranges.ts';

/** Transition values below zero; a live state is its offset (index * alphabet size) in `table`. */
export const UNKNOWN = -1;
export const MATCH = -2;
export const DEAD = -3;
export const GIVE_UP = -4;

export const MAX_STATES = 1_000;
/** About 256 KB of transitions per pattern at most. */
const MAX_CELLS = 1 << 16;
/**
 * NFA nodes scanned and visited while building states, over the DFA's life. The DFA is built in
 * full when a pattern is compiled, so this is what compiling may cost: 2^16 keeps it to a few
 * milliseconds (~1-3 ms measured, scripts/bench/regex-corpus.ts) for every pattern, so validation
 * and compileFlag stay fast; past it the pattern runs the NFA simulation and is held to the width
 * limit. It still builds `a{298}`, `[a-z]{297}$` and 256-character literals (~45,000).
 */
export const MAX_WORK = 1 << 18;


export class LazyDfa {
  readonly alphabet: Alphabet;
  /** Where the search starts on a non-empty input: a live state, MATCH or DEAD. */
  readonly initial: number;
  /** Whether the empty input matches (both anchors hold at once). */
  readonly emptyMatches: boolean;
  table: Int32Array;
  /** Whether each state, at the end of the input, reaches ACCEPT through `$`. */
  acceptsAtEnd: Uint8Array;
  private readonly nfa: Nfa;
  private readonly sets: (readonly number[])[] = [];
  private readonly ids = new Map<string, number>();
  private readonly marks: Int32Array;
  private generation = 0;
  /** Nodes visited building states so far, held to MAX_WORK. */
  private work = 0;

  constructor(nfa: Nfa) {
    this.nfa = nfa;
    this.alphabet = buildAlphabet(nfa.sets);
    this.marks = new Int32Array(nfa.kinds.length);
    this.table = new Int32Array(4 * this.alphabet.size).fill(UNKNOWN);
    this.acceptsAtEnd = new Uint8Array(4);
    this.emptyMatches = this.reachesAccept([nfa.start], true);
    // The first state is well under the caps, so it is never GIVE_UP.
    this.initial = this.stateFor(this.closure([nfa.start], true));
  }

  /**
   * Builds every state reachable from the initial one, and every transition, within the caps:
   * true when done (searches then only read the table; the sets behind the states are dropped),
   * false when a cap was passed first.
   */
  explore(): boolean {
    if (this.initial < 0) return true;
    const size = this.alphabet.size;
    for (let index = 0; index < this.sets.length; index++) {
      const offset = index * size;
      for (let cls = 0; cls < size; cls++) {
        if (this.table[offset + cls] === UNKNOWN && this.step(offset, cls) === GIVE_UP) return false;
      }
    }
    this.sets.length = 0;
    this.ids.clear();
    return true;
  }

  /** The transition from the state at `offset` on class `cls`, computed and cached. */
  step(offset: number, cls: number): number {
    if (this.work > MAX_WORK) return GIVE_UP;
    const { kinds, next, sets } = this.nfa;
    const rune = this.alphabet.representative(cls);
    const targets: number[] = [];
    const state = this.sets[offset / this.alphabet.size]!;
    this.work += state.length;
    for (const node of state) {
      if (kinds[node] === READ && rangesContain(sets[node]!, rune)) targets.push(next[node]!);
    }
    // An unanchored search may also start a match at every position.
    targets.push(this.nfa.start);
    const to = this.stateFor(this.closure(targets, false));
    if (to !== GIVE_UP) this.table[offset + cls] = to;
    return to;
  }

  /** The nodes reachable without reading, keeping those that read, wait for `$` or accept. */
  private closure(targets: readonly number[], atBegin: boolean): number[] {
    const { kinds, next, splits } = this.nfa;
    const generation = ++this.generation;
    const kept: number[] = [];
    const stack = [...targets];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (this.marks[node] === generation) continue;
      this.marks[node] = generation;
      this.work++;
      const kind = kinds[node];
      if (kind === SPLIT) stack.push(...splits[node]!);
      else if (kind === BEGIN) {
        if (atBegin) stack.push(next[node]!);
      } else kept.push(node);
    }
    // A typed array sorts numerically without a comparator, several times faster.
    return Array.from(Int32Array.from(kept).sort());
  }

  /** Whether ACCEPT is reachable when the input ends here (so `$` holds). */
  private reachesAccept(targets: readonly number[], atBegin: boolean): boolean {
    const { kinds, next, splits } = this.nfa;
    const generation = ++this.generation;
    const stack = [...targets];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (this.marks[node] === generation) continue;
      this.marks[node] = generation;
      const kind = kinds[node];
      if (kind === ACCEPT) return true;
      if (kind === SPLIT) stack.push(...splits[node]!);
      else if (kind === END || (kind === BEGIN && atBegin)) stack.push(next[node]!);
    }
    return false;
  }

  private stateFor(set: readonly number[]): number {
    if (set.length === 0) return DEAD;
    if (set.some((node) => this.nfa.kinds[node] === ACCEPT)) return MATCH;
    // Node indices are below 2,001 (nfa.ts), so one UTF-16 unit each makes a short, exact key.
    const key = String.fromCharCode(...set);
    const known = this.ids.get(key);
    if (known !== undefined) return known;
    const index = this.sets.length;
    const size = this.alphabet.size;
    if (index >= MAX_STATES || (index + 1) * size > MAX_CELLS) return GIVE_UP;
    if ((index + 1) * size > this.table.length) this.grow();
    this.sets.push(set);
    this.acceptsAtEnd[index] = this.reachesAccept(set.filter((node) => this.nfa.kinds[node] === END), false) ? 1 : 0;
    this.ids.set(key, index * size);
    return index * size;
  }

  private grow(): void {
    const table = new Int32Array(this.table.length * 2).fill(UNKNOWN);
    table.set(this.table);
    this.table = table;
    const accepts = new Uint8Array(this.acceptsAtEnd.length * 2);
    accepts.set(this.acceptsAtEnd);
    this.acceptsAtEnd = accepts;
  }
}
