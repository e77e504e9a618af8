// Evaluation of prerequisites: a flag runs its rules only when each prerequisite flag serves
// the variant it names; otherwise it serves its off variant with the cause.

import assert from 'node:assert/strict';
import { compileFlag, evaluate, FlagSchema, type Flag, type FlagInput } from '../../../shared/rules/index.ts';
import { aClause, aFlag, aRule, compiled, evaluateAgreed, NOW, variantOf } from '../../helpers/builders.ts';

const flagOf = (doc: FlagInput): Flag => FlagSchema.parse(doc);
const api = flagOf(aFlag({ key: 'api-v2', rules: [aRule(aClause('plan', 'eq', 'pro'), { id: 'pros' })] }));
const checkout = (overrides: Partial<FlagInput> = {}) => aFlag({ key: 'checkout', prerequisites: [{ flag: 'api-v2', variant: 'on' }], rules: [aRule(aClause('country', 'eq', 'DE'))], ...overrides });

describe('evaluate: prerequisites', () => {
  it('runs the rules when every prerequisite serves the named variant', () => {
    assert.equal(evaluateAgreed(checkout(), { plan: 'pro', country: 'DE' }, { flags: { 'api-v2': api } }).reason, 'TARGETING_MATCH');
    assert.equal(evaluateAgreed(checkout(), { plan: 'pro', country: 'FR' }, { flags: { 'api-v2': api } }).reason, 'DEFAULT');
  });

  it('serves the off variant with cause PREREQUISITE, naming the prerequisite and what it served', () => {
    assert.deepEqual(evaluateAgreed(checkout(), { plan: 'free', country: 'DE' }, { flags: { 'api-v2': api } }), {
      reason: 'DISABLED', cause: 'PREREQUISITE', prerequisite: { flag: 'api-v2', expected: 'on', got: 'off' }, flagKey: 'checkout', value: false, variant: 'off',
    });
  });

  it('fails a prerequisite that is disabled, or outside its schedule', () => {
    for (const prerequisite of [{ ...api, enabled: false }, { ...api, schedule: { from: '2027-01-01T00:00:00Z' } }]) {
      assert.equal(evaluateAgreed(checkout(), { plan: 'pro', country: 'DE' }, { flags: { 'api-v2': prerequisite } }).reason, 'DISABLED');
    }
  });

  it('evaluates a prerequisite with the same context and now', () => {
    const timed = flagOf(aFlag({ key: 'api-v2', rules: [aRule(aClause(undefined, 'time_window', { from: '12:00', to: '13:00', tz: 'UTC' }))] }));
    assert.equal(evaluateAgreed(checkout(), { country: 'DE' }, { flags: { 'api-v2': timed }, now: NOW }).reason, 'TARGETING_MATCH');
    assert.equal(evaluateAgreed(checkout(), { country: 'DE' }, { flags: { 'api-v2': timed }, now: NOW + 3_600_000 }).reason, 'DISABLED');
  });

  it('checks every prerequisite in order and reports the first that fails', () => {
    const db = flagOf(aFlag({ key: 'db', defaultVariant: 'on' }));
    const flag = checkout({ prerequisites: [{ flag: 'db', variant: 'on' }, { flag: 'api-v2', variant: 'on' }] });
    const result = evaluateAgreed(flag, { plan: 'free' }, { flags: { 'api-v2': api, db } });
    assert.deepEqual(result.reason === 'DISABLED' && result.cause === 'PREREQUISITE' && result.prerequisite, { flag: 'api-v2', expected: 'on', got: 'off' });
  });

  it('follows chains and diamonds of prerequisites', () => {
    const base = flagOf(aFlag({ key: 'base', defaultVariant: 'on' }));
    const left = flagOf(aFlag({ key: 'left', defaultVariant: 'on', prerequisites: [{ flag: 'base', variant: 'on' }] }));
    const right = flagOf(aFlag({ key: 'right', defaultVariant: 'on', prerequisites: [{ flag: 'base', variant: 'on' }] }));
    const top = aFlag({ key: 'top', defaultVariant: 'on', prerequisites: [{ flag: 'left', variant: 'on' }, { flag: 'right', variant: 'on' }] });
    assert.equal(variantOf(evaluateAgreed(top, {}, { flags: { base, left, right } })), 'on');
    assert.equal(evaluateAgreed(top, {}, { flags: { base: { ...base, enabled: false }, left, right } }).reason, 'DISABLED');
  });

  it('gives the same answers however often a compiled flag is evaluated', () => {
    const flag = compiled(checkout(), { flags: { 'api-v2': api } });
    const contexts = [{ plan: 'pro', country: 'DE' }, { plan: 'free', country: 'DE' }, { plan: 'pro', country: 'DE' }];
    assert.deepEqual(contexts.map((c) => evaluate(flag, c, { now: NOW }).reason), ['TARGETING_MATCH', 'DISABLED', 'TARGETING_MATCH']);
  });

  it('refuses unknown prerequisites, unknown variants and cycles', () => {
    const codes = (doc: FlagInput, flags: Record<string, Flag>) => {
      const result = compileFlag(doc, { flags });
      return result.ok ? [] : result.errors.map((e) => e.code);
    };
    assert.deepEqual(codes(checkout(), {}), ['UNKNOWN_FLAG']);
    assert.deepEqual(codes(checkout({ prerequisites: [{ flag: 'api-v2', variant: 'maybe' }] }), { 'api-v2': api }), ['UNKNOWN_VARIANT']);
    assert.deepEqual(codes(checkout({ prerequisites: [{ flag: 'checkout', variant: 'on' }] }), {}), ['PREREQUISITE_CYCLE']);
    const back = flagOf({ ...api, prerequisites: [{ flag: 'checkout', variant: 'on' }] });
    assert.ok(codes(checkout(), { 'api-v2': back, checkout: flagOf(checkout()) }).includes('PREREQUISITE_CYCLE'));
  });
});
