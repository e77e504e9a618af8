// Evaluation of ordered rules: which rule serves, the reasons, groups, schedules, and the
// guarantees of evaluate (never throws, pure).

import assert from 'node:assert/strict';
import { compileFlag, evaluate, interpret } from '../../../shared/rules/index.ts';
import { aClause, aFlag, aRule, compiled, evaluateAgreed, NOW, variantOf } from '../../helpers/builders.ts';

const pro = aClause('plan', 'eq', 'pro');
const germany = aClause('country', 'eq', 'DE');
const threeVariants = { variants: { a: 'A', b: 'B', c: 'C' }, offVariant: 'c', defaultVariant: 'c' };

describe('evaluate: rules', () => {
  it('serves the first rule whose condition matches', () => {
    const flag = aFlag({ ...threeVariants, rules: [aRule(germany, { id: 'de', serve: { variant: 'a' } }), aRule(pro, { id: 'pro', serve: { variant: 'b' } })] });
    assert.deepEqual(evaluateAgreed(flag, { plan: 'pro', country: 'DE' }), { reason: 'TARGETING_MATCH', flagKey: 'f', value: 'A', variant: 'a', ruleId: 'de' });
    assert.deepEqual(evaluateAgreed(flag, { plan: 'pro', country: 'FR' }), { reason: 'TARGETING_MATCH', flagKey: 'f', value: 'B', variant: 'b', ruleId: 'pro' });
  });

  it('serves the default variant with DEFAULT when no rule matches', () => {
    assert.deepEqual(evaluateAgreed(aFlag({ rules: [aRule(pro)] }), { plan: 'free' }), { reason: 'DEFAULT', flagKey: 'f', value: false, variant: 'off' });
  });

  it('serves the default variant with STATIC when the flag has no logic', () => {
    assert.equal(evaluateAgreed(aFlag(), { plan: 'pro' }).reason, 'STATIC');
    assert.equal(evaluateAgreed(aFlag({ rules: [] }), {}).reason, 'STATIC');
  });

  it('matches everyone with a rule that has no condition', () => {
    assert.equal(evaluateAgreed(aFlag({ rules: [aRule()] }), {}).reason, 'TARGETING_MATCH');
  });

  it('serves the off variant when disabled, whatever the rules say', () => {
    const result = evaluateAgreed(aFlag({ enabled: false, defaultVariant: 'on', rules: [aRule(pro)] }), { plan: 'pro' });
    assert.deepEqual(result, { reason: 'DISABLED', cause: 'KILL_SWITCH', flagKey: 'f', value: false, variant: 'off' });
  });

  it('combines clauses with all, any and not', () => {
    const flag = aFlag({ rules: [aRule({ all: [germany, { any: [pro, aClause('beta', 'eq', true)] }, { not: aClause('banned', 'eq', true) }] })] });
    assert.equal(variantOf(evaluateAgreed(flag, { country: 'DE', plan: 'pro' })), 'on');
    assert.equal(variantOf(evaluateAgreed(flag, { country: 'DE', beta: true })), 'on');
    assert.equal(variantOf(evaluateAgreed(flag, { country: 'DE', plan: 'pro', banned: true })), 'off');
    assert.equal(variantOf(evaluateAgreed(flag, { country: 'FR', plan: 'pro' })), 'off');
    assert.equal(variantOf(evaluateAgreed(flag, { country: 'DE' })), 'off');
  });

  it('treats an empty all as true and an empty any as false', () => {
    assert.equal(variantOf(evaluateAgreed(aFlag({ rules: [aRule({ all: [] })] }), {})), 'on');
    assert.equal(variantOf(evaluateAgreed(aFlag({ rules: [aRule({ any: [] })] }), {})), 'off');
  });

  it('gives the same answer whatever order the compiler runs clauses in', () => {
    const regex = aClause('email', 'matches', '^[a-z]+@example\\.com$');
    for (const children of [[regex, germany], [germany, regex]]) {
      for (const group of ['all', 'any'] as const) {
        const flag = aFlag({ rules: [aRule(group === 'all' ? { all: children } : { any: children })] });
        for (const context of [{}, { country: 'DE' }, { email: 'ann@example.com' }, { country: 'DE', email: 'ann@example.com' }]) evaluateAgreed(flag, context);
      }
    }
  });

  it('skips a rule outside its schedule and serves a rule inside it', () => {
    const flag = aFlag({ rules: [aRule(undefined, { schedule: { from: '2026-03-10T12:00:00Z', until: '2026-03-11T00:00:00Z' } })] });
    assert.equal(evaluateAgreed(flag, {}, { now: NOW - 1 }).reason, 'DEFAULT');
    assert.equal(evaluateAgreed(flag, {}, { now: NOW }).reason, 'TARGETING_MATCH');
    assert.equal(evaluateAgreed(flag, {}, { now: Date.parse('2026-03-11T00:00:00Z') }).reason, 'DEFAULT');
  });

  it('serves variants of any JSON type', () => {
    const value = { layout: 'grid', columns: [2, 3], dark: null };
    const flag = aFlag({ variants: { rich: value, plain: 'plain' }, offVariant: 'plain', defaultVariant: 'plain', rules: [aRule(undefined, { serve: { variant: 'rich' } })] });
    const result = evaluateAgreed(flag, {});
    assert.ok(result.reason === 'TARGETING_MATCH');
    assert.deepEqual(result.value, value);
  });

  it('accepts now as a Date', () => {
    const flag = compiled(aFlag({ rules: [aRule(aClause(undefined, 'time_window', { from: '12:00', to: '13:00', tz: 'UTC' }))] }));
    assert.equal(evaluate(flag, {}, { now: new Date(NOW) }).reason, 'TARGETING_MATCH');
  });

  it('never throws: a context that is not an object is INVALID_CONTEXT', () => {
    const flag = aFlag({ rules: [aRule(pro)] });
    for (const context of [null, undefined, 'pro', 42, ['pro']]) {
      assert.deepEqual(evaluate(compiled(flag), context, { now: NOW }), { reason: 'ERROR', flagKey: 'f', errorCode: 'INVALID_CONTEXT', errorMessage: 'the context must be a JSON object' });
      assert.equal(interpret(flag, context, { now: NOW }).reason, 'ERROR');
    }
  });

  it('never throws: an invalid now is a GENERAL error', () => {
    const result = evaluate(compiled(aFlag()), {}, { now: Number.NaN });
    assert.equal(result.reason === 'ERROR' && result.errorCode, 'GENERAL');
    assert.equal(interpret(aFlag(), {}, { now: new Date('not a date') }).reason, 'ERROR');
  });

  it('does not change the context it reads', () => {
    const context = Object.freeze({ plan: 'pro', geo: Object.freeze({ country: 'DE' }) });
    assert.equal(evaluateAgreed(aFlag({ rules: [aRule({ all: [pro, aClause('geo.country', 'eq', 'DE')] })] }), context).reason, 'TARGETING_MATCH');
  });

  it('refuses an invalid flag at compile time, with the path of each error', () => {
    const result = compileFlag(aFlag({ rules: [aRule(aClause('email', 'matches', '(?=x)')), aRule(pro, { id: 'r2', serve: { variant: 'maybe' } })] }));
    assert.equal(result.ok, false);
    const paths = result.ok ? [] : result.errors.map((e) => `${e.path} ${e.code}`);
    assert.deepEqual(paths.sort(), ['/rules/0/when/value INVALID_REGEX', '/rules/1/serve/variant UNKNOWN_VARIANT']);
  });

  it('interprets an invalid flag as PARSE_ERROR, as the compiler refuses it', () => {
    const result = interpret(aFlag({ rules: [aRule(aClause('email', 'matches', '(?=x)'))] }), {}, { now: NOW });
    assert.equal(result.reason === 'ERROR' && result.errorCode, 'PARSE_ERROR');
  });
});
