// Cycles among segments and among prerequisites, found by depth-first search over the
// documents the caller knows; each search carries its own path, never shared state.

import type { Flag, Segment } from '../schema.ts';
import { segmentRefs } from './conditions.ts';

/** The first cycle reachable from `start` through `next`, as keys (start ... start), or undefined. */
export function findCycle(start: string, next: (key: string) => readonly string[]): string[] | undefined {
  const done = new Set<string>();
  const walk = (key: string, path: readonly string[]): string[] | undefined => {
    for (const target of next(key)) {
      if (target === start) return [...path, target];
      if (path.includes(target) || done.has(target)) continue;
      const found = walk(target, [...path, target]);
      if (found) return found;
    }
    done.add(key);
    return undefined;
  };
  return walk(start, [start]);
}

export function segmentEdges(segments: Readonly<Record<string, Segment>>, self?: Segment): (key: string) => readonly string[] {
  return (key) => {
    const segment = self && key === self.key ? self : Object.hasOwn(segments, key) ? segments[key] : undefined;
    return segment ? [...segmentRefs(segment.when)] : [];
  };
}

export function prerequisiteEdges(flags: Readonly<Record<string, Flag>>, self: Flag): (key: string) => readonly string[] {
  return (key) => {
    const flag = key === self.key ? self : Object.hasOwn(flags, key) ? flags[key] : undefined;
    return flag?.prerequisites?.map((p) => p.flag) ?? [];
  };
}
