// How large a condition is with its segments inlined, counted without inlining them: each segment's
// size is computed once. A chain of segments that each reference the next twice doubles with every
// link (16 links: 65,536 copies of the last one), which inlining consumers (the compiler, the
// analysis, the complexity score) would build in full; validation refuses such a condition first.

import type { Condition, Segment } from './schema.ts';

export type Segments = Readonly<Record<string, Segment>>;

/** Nodes (clauses, groups, nots, segment references) of `condition` with every segment inlined; a cycle counts once. */
export function expandedSize(condition: Condition, segments: Segments, memo: Map<string, number> = new Map(), visiting: Set<string> = new Set()): number {
  if ('all' in condition) return condition.all.reduce((sum, c) => sum + expandedSize(c, segments, memo, visiting), 1);
  if ('any' in condition) return condition.any.reduce((sum, c) => sum + expandedSize(c, segments, memo, visiting), 1);
  if ('not' in condition) return 1 + expandedSize(condition.not, segments, memo, visiting);
  if ('segment' in condition) {
    const key = condition.segment;
    const known = memo.get(key);
    if (known !== undefined) return known;
    const segment = Object.hasOwn(segments, key) ? segments[key] : undefined;
    if (!segment || visiting.has(key)) return 1;
    visiting.add(key);
    const size = 1 + expandedSize(segment.when, segments, memo, visiting);
    visiting.delete(key);
    memo.set(key, size);
    return size;
  }
  return 1;
}
