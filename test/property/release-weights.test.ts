// A release's steps move as few users as possible: when the treatment's share grows from p to q,
// everyone served the treatment at p is still served it at q, and when a breach rolls it back,
// only treatment users move (to control). Holds for either order of the split.

import assert from 'node:assert/strict';
import fc from 'fast-check';
import { compileFlag, evaluate, type Flag } from '../../shared/rules/index.ts';
import { FlagSchema } from '../../shared/rules/schema.ts';
import { withWeights } from '../../shared/releases/weights.ts';
import { aFlag, aRollout, NOW } from '../helpers/builders.ts';
import { check } from '../helpers/arbitraries.ts';

function variantsOf(flag: Flag, users: readonly string[]): string[] {
  const compiled = compileFlag(flag, {});
  if (!compiled.ok) assert.fail(JSON.stringify(compiled.errors));
  return users.map((u) => {
    const result = evaluate(compiled.flag, { targetingKey: u }, { now: NOW });
    return result.reason === 'ERROR' ? 'error' : result.variant;
  });
}

const flagWith = (order: 'treatment-first' | 'control-first') =>
  FlagSchema.parse(aFlag({ key: 'ramp-flag', variants: { treatment: true, control: false }, offVariant: 'control', defaultVariant: 'control',
    rules: [{ id: 'ramp', serve: aRollout(order === 'treatment-first' ? { treatment: 0, control: 100 } : { control: 100, treatment: 0 }) }] }));

const share = fc.integer({ min: 0, max: 100_000 }).map((n) => n / 1000);
const users = Array.from({ length: 2000 }, (_, i) => `user-${i}`);

describe('release weights (property)', () => {
  for (const order of ['treatment-first', 'control-first'] as const) {
    it(`keeps every treatment user in treatment as the share grows (${order})`, () => {
      check(fc.property(share, share, (a, b) => {
        const [p, q] = a <= b ? [a, b] : [b, a];
        const base = flagWith(order);
        const before = variantsOf(withWeights(base, 'ramp', { treatment: p, control: 100 - p })!, users);
        const after = variantsOf(withWeights(base, 'ramp', { treatment: q, control: 100 - q })!, users);
        before.forEach((v, i) => {
          if (v === 'treatment') assert.equal(after[i], 'treatment', `${users[i]} left treatment going ${p}% -> ${q}%`);
          else if (after[i] === 'control') assert.equal(v, 'control');
        });
      }), 40);
    });
  }
});
