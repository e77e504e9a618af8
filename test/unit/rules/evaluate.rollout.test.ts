// Evaluation of rollouts: buckets, ranges, salts, units, missing units and experiments.

import assert from 'node:assert/strict';
import { bucketFor, evaluate } from '../../../shared/rules/index.ts';
import { aClause, aFlag, aRollout, aRule, compiled, evaluateAgreed, variantOf } from '../../helpers/builders.ts';

const units = Array.from({ length: 5000 }, (_, i) => `user-${i}`);

function rolloutFlag(split: Record<string, number>, overrides: Record<string, unknown> = {}) {
  return aFlag({ key: 'new-checkout', rules: [aRule(undefined, { id: 'ramp', serve: aRollout(split, overrides) })] });
}

describe('evaluate: rollouts', () => {
  it('serves the variant whose range holds the unit\'s bucket, with SPLIT and the bucket', () => {
    const flag = rolloutFlag({ on: 30, off: 70 }, { salt: 'checkout' });
    for (const unit of units.slice(0, 200)) {
      const bucket = bucketFor('checkout', unit);
      assert.deepEqual(evaluateAgreed(flag, { targetingKey: unit }), {
        reason: 'SPLIT', flagKey: 'new-checkout', value: bucket < 30_000, variant: bucket < 30_000 ? 'on' : 'off', ruleId: 'ramp', bucket,
      });
    }
  });

  it('salts with the flag key when the rollout names no salt', () => {
    const result = evaluateAgreed(rolloutFlag({ on: 50, off: 50 }), { targetingKey: 'alice' });
    assert.equal(result.reason === 'SPLIT' && result.bucket, bucketFor('new-checkout', 'alice'));
  });

  it('moves nobody out of a variant when its weight grows', () => {
    const at = (weight: number) => compiled(rolloutFlag({ on: weight, off: 100 - weight }));
    const steps = [1, 5, 30, 50, 99.999, 100].map(at);
    for (const unit of units) {
      let wasOn = false;
      for (const flag of steps) {
        const on = variantOf(evaluate(flag, { targetingKey: unit }, { now: 0 })) === 'on';
        assert.ok(on || !wasOn, `${unit} left the rollout`);
        wasOn = on;
      }
    }
  });

  it('splits the audience close to the weights', () => {
    const flag = compiled(rolloutFlag({ on: 20, off: 80 }));
    const on = units.filter((unit) => variantOf(evaluate(flag, { targetingKey: unit }, { now: 0 })) === 'on').length;
    assert.ok(Math.abs(on / units.length - 0.2) < 0.02, `${on} of ${units.length} on`);
  });

  it('never serves a variant of weight 0', () => {
    const flag = compiled(aFlag({ variants: { a: 1, b: 2, c: 3 }, offVariant: 'a', defaultVariant: 'a', rules: [aRule(undefined, { serve: aRollout({ a: 0, b: 100, c: 0 }) })] }));
    for (const unit of units.slice(0, 500)) assert.equal(variantOf(evaluate(flag, { targetingKey: unit }, { now: 0 })), 'b');
  });

  it('buckets a number unit as its decimal text', () => {
    const flag = rolloutFlag({ on: 50, off: 50 });
    assert.deepEqual(evaluateAgreed(flag, { targetingKey: 12345 }), evaluateAgreed(flag, { targetingKey: '12345' }));
  });

  it('reads the unit from any attribute path', () => {
    const result = evaluateAgreed(rolloutFlag({ on: 50, off: 50 }, { by: 'account.id' }), { targetingKey: 'x', account: { id: 'acme' } });
    assert.equal(result.reason === 'SPLIT' && result.bucket, bucketFor('new-checkout', 'acme'));
  });

  it('does not match when the unit is missing, so later rules and the default apply', () => {
    const flag = aFlag({ rules: [aRule(undefined, { id: 'ramp', serve: aRollout({ on: 50, off: 50 }) }), aRule(aClause('plan', 'eq', 'pro'), { id: 'pro' })] });
    for (const targetingKey of [undefined, null, true, { id: 'x' }, ['x']]) {
      assert.equal(evaluateAgreed(flag, { targetingKey }).reason, 'DEFAULT');
      assert.equal(evaluateAgreed(flag, { targetingKey, plan: 'pro' }).reason === 'TARGETING_MATCH' ? 'pro' : 'none', 'pro');
    }
  });

  it('says which rollouts found no unit in unitMissing, traced or not, and nothing when every unit is there', () => {
    const flag = aFlag({ rules: [aRule(undefined, { id: 'ramp', serve: aRollout({ on: 50, off: 50 }) }), aRule(undefined, { id: 'accounts', serve: aRollout({ on: 50, off: 50 }, { by: 'accountId' }) })] });
    const missing = [{ ruleId: 'ramp', by: 'targetingKey' }, { ruleId: 'accounts', by: 'accountId' }];
    const result = evaluateAgreed(flag, { targetingKey: null });
    assert.deepEqual(result.reason === 'DEFAULT' && result.unitMissing, missing);
    const traced = evaluate(compiled(flag), {}, { now: 0, trace: true });
    assert.deepEqual(traced.reason === 'DEFAULT' && traced.unitMissing, missing);
    assert.deepEqual(evaluateAgreed(flag, { targetingKey: 'alice', accountId: 7 }).reason, 'SPLIT');
    assert.ok(!('unitMissing' in evaluateAgreed(aFlag({ rules: [aRule(aClause('plan', 'eq', 'pro'))] }), {})));
  });

  it('serves the first split variant for a missing unit when the rollout says so', () => {
    const flag = aFlag({ rules: [aRule(undefined, { id: 'ramp', serve: aRollout({ off: 90, on: 10 }, { whenUnitMissing: 'first_variant' }) })], defaultVariant: 'on' });
    assert.deepEqual(evaluateAgreed(flag, {}), { reason: 'TARGETING_MATCH', flagKey: 'f', value: false, variant: 'off', ruleId: 'ramp' });
  });

  it('names the experiment of a split, and only of a split', () => {
    const flag = rolloutFlag({ on: 50, off: 50 }, { experiment: { id: 'checkout-2026' }, whenUnitMissing: 'first_variant' });
    const assigned = evaluateAgreed(flag, { targetingKey: 'alice' });
    assert.equal(assigned.reason === 'SPLIT' && assigned.experimentId, 'checkout-2026');
    assert.ok(!('experimentId' in evaluateAgreed(flag, {})));
    assert.ok(!('experimentId' in evaluateAgreed(rolloutFlag({ on: 50, off: 50 }), { targetingKey: 'alice' })));
  });

  it('buckets the same unit differently under different salts', () => {
    const a = compiled(rolloutFlag({ on: 50, off: 50 }, { salt: 'a' }));
    const b = compiled(rolloutFlag({ on: 50, off: 50 }, { salt: 'b' }));
    const same = units.filter((u) => variantOf(evaluate(a, { targetingKey: u }, { now: 0 })) === variantOf(evaluate(b, { targetingKey: u }, { now: 0 }))).length;
    assert.ok(Math.abs(same / units.length - 0.5) < 0.03, `${same} of ${units.length} agree`);
  });
});
