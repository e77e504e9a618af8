// The syntax tree of the RE2 subset the fast matcher runs: sets of code points, the two text
// anchors, concatenation, alternation and counted repetition. Captures do not exist here: a boolean
// search needs none, and greedy and lazy repetition match the same texts.

import type { Ranges } from './ranges.ts';

export type Node =
  | { readonly kind: 'set'; readonly ranges: Ranges }
  | { readonly kind: 'begin' }
  | { readonly kind: 'end' }
  /** An empty `items` is the empty string. */
  | { readonly kind: 'concat'; readonly items: readonly Node[] }
  | { readonly kind: 'alt'; readonly items: readonly Node[] }
  /** `max` is -1 when unbounded. */
  | { readonly kind: 'repeat'; readonly sub: Node; readonly min: number; readonly max: number };

export const EMPTY: Node = { kind: 'concat', items: [] };
