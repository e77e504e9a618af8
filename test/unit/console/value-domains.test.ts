// The console's side of value domains: what a value input offers, a warning's fix put in its
// value, and values carried over (kept, converted, cleared) when a condition's attribute changes.

import assert from 'node:assert/strict';
import { domainOf, fitClauseToAttribute, valueOptions, withSuggestion } from '../../../functions/console/web/logic/value-domains.ts';

const country = { name: 'geo.country', domain: 'country' };
const plan = { name: 'plan', allowedValues: ['free', 'pro', 'enterprise'] };

describe('console value domains', () => {
  it('takes an attribute\'s domain, or its allowed values when they are all text, or nothing', () => {
    assert.deepEqual(domainOf(country)?.check('DE', false), { known: true });
    assert.deepEqual(domainOf(plan)?.check('Pro', false), { known: false, suggestion: 'pro' });
    assert.equal(domainOf({ name: 'seats', allowedValues: [1, 2] }), undefined);
    assert.equal(domainOf({ name: 'email' }), undefined);
  });

  it('offers every country by code with its name, and the allowed values of the catalogue', () => {
    const countries = valueOptions(country)!;
    assert.equal(countries.length, 249);
    assert.deepEqual(countries.find((o) => o.value === 'DE'), { value: 'DE', label: 'Germany' });
    assert.deepEqual(valueOptions(plan)?.map((o) => o.value), ['free', 'pro', 'enterprise']);
    assert.equal(valueOptions({ name: 'email' }), undefined);
  });

  it('puts a suggestion in place of the value it is about, once in a list', () => {
    assert.equal(withSuggestion('de', '', 'DE'), 'DE');
    assert.deepEqual(withSuggestion(['FR', 'Germany'], '/1', 'DE'), ['FR', 'DE']);
    assert.deepEqual(withSuggestion(['DE', 'de'], '/1', 'DE'), ['DE']);
  });

  it('converts, keeps and clears values when the attribute changes, and says so in one line', () => {
    const moved = fitClauseToAttribute({ attr: 'geo.country', op: 'in', value: ['DE', 'Germany', 'pro'] }, country);
    assert.deepEqual(moved.clause, { attr: 'geo.country', op: 'in', value: ['DE'] });
    assert.equal(moved.note, 'Values for geo.country: converted Germany → DE; cleared pro, which it never holds.');
    const single = fitClauseToAttribute({ attr: 'geo.country', op: 'eq', value: 'pro' }, country);
    assert.deepEqual(single.clause, { attr: 'geo.country', op: 'eq', value: '' });
    assert.match(single.note ?? '', /cleared pro/);
  });

  it('leaves values alone when they all fit, when the attribute takes anything, or for a text operator', () => {
    assert.equal(fitClauseToAttribute({ attr: 'geo.country', op: 'in', value: ['DE'] }, country).note, undefined);
    const free = fitClauseToAttribute({ attr: 'email', op: 'eq', value: 'pro' }, { name: 'email' });
    assert.deepEqual(free, { clause: { attr: 'email', op: 'eq', value: 'pro' } });
    assert.deepEqual(fitClauseToAttribute({ attr: 'geo.country', op: 'starts_with', value: 'pr' }, country).clause.value, 'pr');
  });
});
