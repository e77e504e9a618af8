// Conditions whose segments, inlined, grow past the limit: a chain of segments each referencing
// the next twice doubles with every link. Validation refuses them with the reason, compileFlag
// refuses the same, and nothing that inlines segments (analysis, the complexity score) pays for
// every copy.

import assert from 'node:assert/strict';
import { analyze, compileFlag, LIMITS, validate, type Segment } from '../../../shared/rules/index.ts';
import { expandedSize } from '../../../shared/rules/expansion.ts';

/** s0 is one clause; each s(i) references s(i-1) twice: s(n) inlines to about 2^n copies of s0. */
function chain(links: number): Record<string, Segment> {
  const segments: Record<string, Segment> = { s0: { key: 's0', when: { attr: 'plan', op: 'eq', value: 'pro' } } };
  for (let i = 1; i <= links; i++) segments[`s${i}`] = { key: `s${i}`, when: { any: [{ segment: `s${i - 1}` }, { not: { segment: `s${i - 1}` } }] } };
  return segments;
}

const flagOver = (top: string) => ({ key: 'f', enabled: true, variants: { on: true, off: false }, offVariant: 'off', defaultVariant: 'off', rules: [{ id: 'r', when: { segment: top }, serve: { variant: 'on' } }] });

describe('segment expansion', () => {
  it('counts a condition\'s size with segments inlined without inlining them (a 40-link chain at once)', () => {
    const size = expandedSize({ segment: 's40' }, chain(40));
    assert.ok(size > 2 ** 40, String(size));
  });

  it('accepts a chain whose inlined size is within the limit, and refuses one link more with the reason', () => {
    let links = 1;
    while (expandedSize({ segment: `s${links + 1}` }, chain(links + 1)) <= LIMITS.expandedConditionNodes) links++;
    const within = validate(flagOver(`s${links}`), { segments: chain(links) });
    assert.equal(within.errors.length, 0, JSON.stringify(within.errors));
    const past = validate(flagOver(`s${links + 1}`), { segments: chain(links + 1) });
    assert.deepEqual(past.errors.map((e) => [e.path, e.code]), [['/rules/0/when', 'CONDITION_TOO_LARGE']]);
    assert.match(past.errors[0]!.message, /inlined/);
    assert.equal(compileFlag(flagOver(`s${links + 1}`), { segments: chain(links + 1), flags: {} }).ok, false);
  });

  it('refuses a segment that is too large itself, and never analyses a flag over such a chain', () => {
    const segments = chain(30);
    const segment = validate(segments.s30!, { kind: 'segment', segments });
    assert.ok(segment.errors.some((e) => e.code === 'CONDITION_TOO_LARGE'));
    const analysis = analyze(flagOver('s30'), { segments });
    assert.deepEqual(analysis.conflicts, []);
  });
});
