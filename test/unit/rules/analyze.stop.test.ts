// A caller's deadline for the analysis (`stop`): asked before each rule of each pass, it ends the
// analysis with what was reached instead of conflicts that would look complete but are not.

import assert from 'node:assert/strict';
import { analyze, FlagSchema, validate, type Rule } from '../../../shared/rules/index.ts';
import { aClause, aFlag, aRule } from '../../helpers/builders.ts';

const rules = (n: number): Rule[] => Array.from({ length: n }, (_, i) => aRule(aClause('plan', 'in', [`p${i}`, 'shared']), { id: `r${i}`, serve: { variant: i % 2 ? 'on' : 'off' } }));
const flagOf = (n: number) => FlagSchema.parse(aFlag({ rules: rules(n) }));
/** A stop that says "past the deadline" from its `after`-th question on, counting the questions. */
const stopAfter = (after: number) => {
  const asked = { count: 0 };
  return { asked, stop: () => ++asked.count > after };
};

describe('analysis: a caller\'s stop', () => {
  it('finds the same conflicts with a stop that never fires as without one', () => {
    for (const n of [0, 1, 2, 7, 20]) {
      const { stop } = stopAfter(Number.POSITIVE_INFINITY);
      assert.deepEqual(analyze(flagOf(n), { stop }), analyze(flagOf(n)));
    }
  });

  it('reports the rule each pass reached and no conflicts once stop fires', () => {
    const n = 10;
    // Reachability asks before each of the 10 rules; overlaps then asks before each again.
    for (const after of [0, 3, 9, 10, 14, 19]) {
      const { asked, stop } = stopAfter(after);
      const analysis = analyze(flagOf(n), { stop });
      assert.deepEqual(analysis.stopped, { rulesDone: after % n }, `stop after ${after}`);
      assert.deepEqual(analysis.conflicts, []);
      assert.equal(asked.count, after + 1, 'no question asked after the answer "stop"');
      assert.equal(analysis.complexity, analyze(flagOf(n)).complexity, 'the score needs no analysis and is always given');
    }
  });

  it('completes when every question is answered "go on"', () => {
    const { asked, stop } = stopAfter(20);
    assert.equal(analyze(flagOf(10), { stop }).stopped, undefined);
    assert.equal(asked.count, 20);
  });

  it('passes through validate, whose warnings would otherwise be incomplete', () => {
    const result = validate(aFlag({ rules: rules(10) }), { stop: stopAfter(2).stop });
    assert.deepEqual(result.stopped, { rulesDone: 2 });
    assert.deepEqual(result.errors, []);
  });
});
