// The bounded path: a search that steps the set of live NFA nodes over the input without building
// DFA states (Thompson's simulation). Each character costs at most one visit per live reading node
// (the pattern's width, which validation bounds: regex/cost.ts) and allocates nothing, so a search
// costs O(input x width) whatever the input; the lazy DFA hands over to it once its own work
// passes the cap.
//
// Built for speed, since its cost is the worst case a clause may have: what each reading node
// accepts of ASCII is a 128-bit mask, and the nodes reached without reading after it (its
// epsilon-closure, `$` excluded) are listed once up front, so a step is a mask test and a short
// copy. Only the first character (where `^` holds) and the last (where `$` does) walk the graph.

import { ACCEPT, BEGIN, END, READ, SPLIT, type Nfa } from './nfa.ts';
import { rangesContain } from './ranges.ts';


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
  const close = (from: number, list: Int32Array, length: number, atBegin: boolean, atEnd: boolean, gen: number): number => {
    let top = 0;
    stack[top++] = from;
    while (top > 0) {
      const node = stack[--top]!;
      if (marks[node] === gen) continue;
      marks[node] = gen;
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

  // ASCII masks: bit c of ascii[4 * node + (c >> 5)] says whether READ `node` accepts c.
  const ascii = new Int32Array(4 * size);
  for (let node = 0; node < size; node++) {
    if (kinds[node] !== READ) continue;
    const ranges = sets[node]!;
    for (let i = 0; i < ranges.length && ranges[i]! < 128; i += 2) {
      for (let c = ranges[i]!, hi = Math.min(ranges[i + 1]!, 127); c <= hi; c++) ascii[4 * node + (c >> 5)]! |= 1 << (c & 31);
    }
  }
  // The closure after each READ node (and from `start`) away from both edges of the input: its
  // READ nodes listed in closures[offsets[node]..offsets[node + 1]), or accepts[node] when it
  // reaches ACCEPT (then the search is over). The start's closure is stored at index `size`.
  const offsets = new Int32Array(size + 2);
  const accepts = new Uint8Array(size + 1);
  const lists: (Int32Array | undefined)[] = [];
  let total = 0;
  for (let node = 0; node <= size; node++) {
    offsets[node] = total;
    if (node < size && kinds[node] !== READ) continue;
    generation++;
    const length = close(node < size ? next[node]! : start, current, 0, false, false, generation);
    if (length < 0) accepts[node] = 1;
    else {
      lists[node] = current.slice(0, length);
      total += length;
    }
  }
  offsets[size + 1] = total;
  const closures = new Int32Array(total);
  lists.forEach((list, node) => list && closures.set(list, offsets[node]!));
  const startFrom = offsets[size]!;
  const startTo = offsets[size + 1]!;
  const startAccepts = accepts[size] === 1;

  return (input) => {
    const n = input.length;
    // Every generation this search may use, reserved up front, so an early answer leaves none
    // behind for the next search to reuse; marks are cleared long before the counter overflows.
    if (generation > 1 << 30) {
      marks.fill(0);
      generation = 0;
    }
    let gen = ++generation;
    generation += n + 1;
    let count = close(start, current, 0, true, n === 0, gen);
    if (count < 0) return true;
    // Locals, not the closure's variables, in the loop that costs: V8 keeps them in registers.
    let live = current;
    let after = following;
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
      gen++;
      let length = 0;
      if (i === n) {
        // The last character: `$` holds after it, so the graph is walked.
        for (let k = 0; k < count; k++) {
          const node = live[k]!;
          if (!rangesContain(sets[node]!, c)) continue;
          length = close(next[node]!, after, length, false, true, gen);
          if (length < 0) return true;
        }
        return close(start, after, length, false, true, gen) < 0;
      }
      if (c < 128) {
        const word = c >> 5;
        const bit = 1 << (c & 31);
        for (let k = 0; k < count; k++) {
          const node = live[k]!;
          if ((ascii[4 * node + word]! & bit) === 0) continue;
          if (accepts[node] === 1) return true;
          for (let j = offsets[node]!, end = offsets[node + 1]!; j < end; j++) {
            const to = closures[j]!;
            if (marks[to] !== gen) {
              marks[to] = gen;
              after[length++] = to;
            }
          }
        }
      } else {
        for (let k = 0; k < count; k++) {
          const node = live[k]!;
          if (!rangesContain(sets[node]!, c)) continue;
          if (accepts[node] === 1) return true;
          for (let j = offsets[node]!, end = offsets[node + 1]!; j < end; j++) {
            const to = closures[j]!;
            if (marks[to] !== gen) {
              marks[to] = gen;
              after[length++] = to;
            }
          }
        }
      }
      // An unanchored search may also start a match at every position.
      if (startAccepts) return true;
      for (let j = startFrom; j < startTo; j++) {
        const to = closures[j]!;
        if (marks[to] !== gen) {
          marks[to] = gen;
          after[length++] = to;
        }
      }
      const swap = live;
      live = after;
      after = swap;
      count = length;
    }
    return false;
  };
}
