// Thompson construction: the tree becomes a graph of nodes that read one code point from a set,
// assert a text edge, branch without reading, or accept. Counted repetition is unrolled, so the
// node count is capped and a larger automaton is left to re2js.

import type { Node } from './ast.ts';
import type { Ranges } from './ranges.ts';

export const READ = 0;
export const SPLIT = 1;
export const BEGIN = 2;
export const END = 3;
export const ACCEPT = 4;

export type Nfa = {
  readonly kinds: readonly number[];
  /** READ, BEGIN and END continue at next[i]. */
  readonly next: readonly number[];
  /** SPLIT continues at every one of splits[i]. */
  readonly splits: readonly (readonly number[])[];
  /** The code points READ accepts. */
  readonly sets: readonly Ranges[];
  readonly start: number;
};

/** Beyond this many nodes, building DFA states costs more than re2js saves. */
export const MAX_NODES = 2_000;

export function buildNfa(root: Node): Nfa | null {
  const kinds: number[] = [];
  const next: number[] = [];
  const splits: number[][] = [];
  const sets: Ranges[] = [];
  const add = (kind: number, to: number, split: number[] = [], set: Ranges = []): number => {
    kinds.push(kind);
    next.push(to);
    splits.push(split);
    sets.push(set);
    return kinds.length - 1;
  };

  /** The entry of `node` followed by `then`. */
  const compile = (node: Node, then: number): number => {
    if (kinds.length > MAX_NODES) return then;
    switch (node.kind) {
      case 'set': return add(READ, then, [], node.ranges);
      case 'begin': return add(BEGIN, then);
      case 'end': return add(END, then);
      case 'concat': return node.items.reduceRight((to, item) => compile(item, to), then);
      case 'alt': return add(SPLIT, -1, node.items.map((item) => compile(item, then)));
      case 'repeat': {
        let entry = then;
        if (node.max < 0) {
          const loop = add(SPLIT, -1);
          splits[loop] = [compile(node.sub, loop), then];
          entry = loop;
        } else {
          for (let i = node.min; i < node.max; i++) entry = add(SPLIT, -1, [compile(node.sub, entry), then]);
        }
        for (let i = 0; i < node.min; i++) entry = compile(node.sub, entry);
        return entry;
      }
    }
  };

  const accept = add(ACCEPT, -1);
  const start = compile(root, accept);
  return kinds.length > MAX_NODES ? null : { kinds, next, splits, sets, start };
}
