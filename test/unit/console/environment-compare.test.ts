import assert from 'node:assert/strict';
import { compareRows, flagChanges, promotion, type StoredFlag } from '../../../functions/console/web/logic/environment-compare.ts';

const stored = (document: Record<string, unknown>, version = 1): StoredFlag => ({ version, document: { key: 'checkout', ...document }, updatedAt: '2026-12-01T10:00:00Z', updatedBy: 'ana' });
const base = { enabled: true, variants: { on: true, off: false }, defaultVariant: 'off', offVariant: 'off' };
const euRule = { id: 'eu-pros', when: { all: [{ attr: 'plan', op: 'eq', value: 'pro' }, { attr: 'geo.country', op: 'in', value: ['DE', 'FR'] }] }, serve: { variant: 'on' } };

describe('one flag compared across environments', () => {
  it('shows each environment\'s state, default, rules in words and version, and marks the ones that differ', () => {
    const rows = compareRows([
      ['development', stored({ ...base, rules: [euRule] }, 4)],
      ['staging', stored({ ...base, rules: [euRule] }, 2)],
      ['production', stored({ ...base, enabled: false, rules: [] }, 1)],
    ], 'development');
    assert.deepEqual(rows.map((r) => [r.env, r.enabled, r.defaultVariant, r.version, r.differs]), [
      ['development', true, 'off', 4, false],
      ['staging', true, 'off', 2, false],
      ['production', false, 'off', 1, true],
    ]);
    assert.deepEqual(rows[0]!.rules, ['eu-pros: when plan is pro and geo.country is one of DE, FR, serve on']);
  });

  it('shows an environment without the flag as absent, and different', () => {
    const [, missing] = compareRows([['development', stored(base)], ['production', null]], 'development');
    assert.deepEqual(missing, { env: 'production', present: false, enabled: null, defaultVariant: null, rules: [], version: null, updatedAt: null, updatedBy: null, differs: true });
  });

  it('ignores the stamped version when telling whether two environments hold the same flag', () => {
    assert.deepEqual(flagChanges({ ...base, version: 7 }, { ...base, version: 2 }), []);
  });
});

describe('promoting a flag to another environment', () => {
  it('says in words what the copy would change in the target', () => {
    const p = promotion('development', stored({ ...base, rules: [euRule] }, 4), 'production', stored({ ...base, enabled: false, rules: [] }, 1));
    assert.equal(p.creates, false);
    assert.deepEqual(p.changes.map((c) => c.text), ['Turned on (rules decide)', 'Rule eu-pros added as rule 1: when plan is pro and geo.country is one of DE, FR, serve on']);
  });

  it('says the flag will be created when the target has none', () => {
    const p = promotion('development', stored(base), 'staging', null);
    assert.deepEqual({ creates: p.creates, changes: p.changes }, { creates: true, changes: [] });
  });

  it('finds nothing to change when both environments hold the same flag', () => {
    assert.deepEqual(promotion('staging', stored(base, 3), 'production', stored(base, 9)).changes, []);
  });
});
