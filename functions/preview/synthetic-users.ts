// Synthetic test users for a flag's microbenchmark: each attribute its rules read takes, in turn,
// each value the rules compare it with (or is left out), so every rule gets exercised.

import type { Condition, Flag, Segment } from '../../shared/rules/index.ts';
import { ownValue, setOwn } from '../../shared/rules/own.ts';

type Candidates = Map<string, unknown[]>;

function scalars(value: unknown): unknown[] {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return [value];
  if (Array.isArray(value)) return value.filter((v) => typeof v !== 'object' || v === null);
  return [];
}

function collect(condition: Condition, segments: Readonly<Record<string, Segment>>, out: Candidates, seen: Set<string>): void {
  if ('all' in condition) return condition.all.forEach((c) => collect(c, segments, out, seen));
  if ('any' in condition) return condition.any.forEach((c) => collect(c, segments, out, seen));
  if ('not' in condition) return collect(condition.not, segments, out, seen);
  if ('segment' in condition) {
    const segment = ownValue(segments, condition.segment);
    if (segment && !seen.has(segment.key)) collect(segment.when, segments, out, seen.add(segment.key));
    return;
  }
  if (condition.attr === undefined) return;
  const values = out.get(condition.attr) ?? [];
  values.push(...scalars(condition.value));
  out.set(condition.attr, values);
}

export function syntheticUsers(flag: Flag, segments: Readonly<Record<string, Segment>>, count: number): Record<string, unknown>[] {
  const candidates: Candidates = new Map();
  for (const rule of flag.rules ?? []) if (rule.when) collect(rule.when, segments, candidates, new Set());
  const attributes = [...candidates].filter(([attr]) => attr !== 'targetingKey');
  return Array.from({ length: count }, (_, i) => {
    const user: Record<string, unknown> = { targetingKey: `user-${i}` };
    attributes.forEach(([attr, values], j) => {
      // One slot past the values leaves the attribute out: missing attributes are a path too.
      const pick = (i + j) % (values.length + 1);
      if (pick < values.length) setOwn(user, attr, values[pick]);
    });
    return user;
  });
}
