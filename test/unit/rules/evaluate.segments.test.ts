// Evaluation of segments: named conditions that rules (and other segments) reference.

import assert from 'node:assert/strict';
import { compileFlag, evaluate, type Segment } from '../../../shared/rules/index.ts';
import { aClause, aFlag, aRule, aSegment, compiled, evaluateAgreed, NOW, variantOf } from '../../helpers/builders.ts';

const staff = aSegment('staff', aClause('email', 'ends_with', '@example.com', true));
const germany = aSegment('germany', aClause('geo.country', 'eq', 'DE'));
const testers = aSegment('testers', { any: [{ segment: 'staff' }, aClause('beta', 'eq', true)] });
const segments: Record<string, Segment> = { staff, germany, testers };

describe('evaluate: segments', () => {
  it('matches a rule that names a segment when the segment\'s condition holds', () => {
    const flag = aFlag({ rules: [aRule({ segment: 'staff' })] });
    assert.equal(evaluateAgreed(flag, { email: 'Ann@Example.COM' }, { segments }).reason, 'TARGETING_MATCH');
    assert.equal(evaluateAgreed(flag, { email: 'ann@gmail.com' }, { segments }).reason, 'DEFAULT');
    assert.equal(evaluateAgreed(flag, {}, { segments }).reason, 'DEFAULT');
  });

  it('resolves segments inside segments', () => {
    const flag = aFlag({ rules: [aRule({ segment: 'testers' })] });
    assert.equal(variantOf(evaluateAgreed(flag, { email: 'ann@example.com' }, { segments })), 'on');
    assert.equal(variantOf(evaluateAgreed(flag, { beta: true }, { segments })), 'on');
    assert.equal(variantOf(evaluateAgreed(flag, { beta: 'yes' }, { segments })), 'off');
  });

  it('combines segments with clauses and negation', () => {
    const flag = aFlag({ rules: [aRule({ all: [{ segment: 'germany' }, { not: { segment: 'staff' } }, aClause('plan', 'eq', 'pro')] })] });
    assert.equal(variantOf(evaluateAgreed(flag, { geo: { country: 'DE' }, plan: 'pro' }, { segments })), 'on');
    assert.equal(variantOf(evaluateAgreed(flag, { geo: { country: 'DE' }, plan: 'pro', email: 'x@example.com' }, { segments })), 'off');
  });

  it('shares one segment between the rules of a flag and between flags', () => {
    const a = compiled(aFlag({ key: 'a', rules: [aRule({ segment: 'staff' }, { id: 'one' }), aRule({ all: [{ segment: 'staff' }, aClause('x', 'exists')] }, { id: 'two' })] }), { segments });
    const b = compiled(aFlag({ key: 'b', rules: [aRule({ not: { segment: 'staff' } })] }), { segments });
    const ann = { email: 'ann@example.com' };
    assert.equal(variantOf(evaluate(a, ann, { now: NOW })), 'on');
    assert.equal(variantOf(evaluate(b, ann, { now: NOW })), 'off');
  });

  it('refuses unknown segments and segment cycles', () => {
    const codes = (when: object, known: Record<string, Segment>) => {
      const result = compileFlag(aFlag({ rules: [aRule(when as never)] }), { segments: known });
      return result.ok ? [] : result.errors.map((e) => e.code);
    };
    assert.deepEqual(codes({ segment: 'nobody' }, segments), ['UNKNOWN_SEGMENT']);
    const cycle = { a: aSegment('a', { segment: 'b' }), b: aSegment('b', { all: [{ segment: 'a' }] }) };
    assert.deepEqual(codes({ segment: 'a' }, cycle), ['SEGMENT_CYCLE']);
  });
});
