// The bounded path: a search that steps the set of live NFA nodes over the input without building
// DFA states (Thompson's simulation). Each character costs at most one visit per NFA node and
// allocates nothing, so a search costs O(input x nodes) whatever the input; the lazy DFA hands over
// to it once its own work passes the cap.

import { ACCEPT, BEGIN, END, READ, SPLIT, type Nfa } from './nfa.ts';
import type { Ranges } from './ranges.ts';

function contains(ranges: Ranges, rune: number): boolean {
  for (let i = 0; i < ranges.length && ranges[i]! <= rune; i += 2) {
    if (rune <= ranges[i + 1]!) return true;
  }
  return false;
}

/** A reusable searcher over `nfa`: its arrays are sized once, to the node count. */
export function nfaSearcher(nfa: Nfa): (input: string) => boolean {
  const { kinds, next, splits, sets, start } = nfa;
  const size = kinds.length;
  let current = new Int32Array(size);
  let following = new Int32Array(size);
  const marks = new Int32Array(size);
  // A node is pushed once per edge into it at most, before its mark stops it.
  const stack = new Int32Array(splits.reduce((edges, targets) => edges + targets.length, size) + 1);
  let generation = 0;

  /**
   * Adds the closure of `from` to `list` (from `length`), keeping READ nodes; returns the new
   * length, or -1 when ACCEPT is reached (at the end of input, `$` holds).
   */
  const close = (from: number, list: Int32Array, length: number, atBegin: boolean, atEnd: boolean): number => {
    let top = 0;
    stack[top++] = from;
    while (top > 0) {
      const node = stack[--top]!;
      if (marks[node] === generation) continue;
      marks[node] = generation;
      const kind = kinds[node];
      if (kind === READ) list[length++] = node;
      else if (kind === SPLIT) {
        const targets = splits[node]!;
        for (let k = targets.length - 1; k >= 0; k--) stack[top++] = targets[k]!;
      } else if (kind === BEGIN) {
        if (atBegin) stack[top++] = next[node]!;
      } else if (kind === END) {
        if (atEnd) stack[top++] = next[node]!;
      } else if (kind === ACCEPT) return -1;
    }
    return length;
  };

  return (input) => {
    const n = input.length;
    generation++;
    let count = close(start, current, 0, true, n === 0);
    if (count < 0) return true;
    let i = 0;
    while (i < n) {
      let c = input.charCodeAt(i++);
      if (c >= 0xd800 && c <= 0xdbff && i < n) {
        const low = input.charCodeAt(i);
        if (low >= 0xdc00 && low <= 0xdfff) {
          c = ((c - 0xd800) << 10) + (low - 0xdc00) + 0x10000;
          i++;
        }
      }
      const atEnd = i === n;
      generation++;
      let length = 0;
      for (let k = 0; k < count; k++) {
        const node = current[k]!;
        if (!contains(sets[node]!, c)) continue;
        length = close(next[node]!, following, length, false, atEnd);
        if (length < 0) return true;
      }
      // An unanchored search may also start a match at every position.
      length = close(start, following, length, false, atEnd);
      if (length < 0) return true;
      [current, following] = [following, current];
      count = length;
    }
    return false;
  };
}
