// Operands checked against what their attribute can hold: a country code, a region, a device type,
// a browser or OS name, a catalogue's allowed values. Each miss is a warning at the value's path
// with the value meant where one is found; operators that do not name values are not checked.

import assert from 'node:assert/strict';
import { OPERATORS, OPERATOR_SPECS, validate, type AttributeDefinition, type Issue } from '../../../shared/rules/index.ts';
import { NEAREST_SEARCHES } from '../../../shared/rules/validate/values.ts';

const CATALOGUE: AttributeDefinition[] = [
  { name: 'geo.country', type: 'string', domain: 'country' },
  { name: 'geo.region', type: 'string', domain: 'region' },
  { name: 'device.type', type: 'string', domain: 'device-type', allowedValues: ['mobile', 'tablet', 'desktop', 'smarttv', 'wearable', 'console', 'xr', 'embedded'] },
  { name: 'browser.name', type: 'string', domain: 'browser' },
  { name: 'os.name', type: 'string', domain: 'os' },
  { name: 'plan', type: 'string', allowedValues: ['free', 'pro', 'enterprise'] },
  { name: 'roles', type: 'array', allowedValues: ['admin', 'editor', 'viewer'] },
  { name: 'markets', type: 'array', domain: 'country' },
  { name: 'email', type: 'string' },
  { name: 'tier', type: 'number', allowedValues: [1, 2, 3] },
];

const flagWith = (when: unknown) => ({
  key: 'f', enabled: true, variants: { on: true, off: false }, offVariant: 'off', defaultVariant: 'off',
  rules: [{ id: 'r', when, serve: { variant: 'on' } }],
});

/** The value warnings of one clause, as `path code suggestion`. */
function valueWarnings(clause: unknown): string[] {
  const { errors, warnings } = validate(flagWith(clause), { catalogue: CATALOGUE });
  assert.deepEqual(errors, []);
  return warnings.filter((w: Issue) => w.code === 'UNKNOWN_VALUE' || w.code === 'VALUE_NOT_ALLOWED').map((w) => `${w.path} ${w.code}${w.suggestion === undefined ? '' : ` ${w.suggestion}`}`);
}

type Row = readonly [title: string, clause: unknown, expected: readonly string[]];

const V = '/rules/0/when/value';
// prettier-ignore
const ROWS: readonly Row[] = [
  ['a country in lower case', { attr: 'geo.country', op: 'eq', value: 'de' }, [`${V} UNKNOWN_VALUE DE`]],
  ['a country by name', { attr: 'geo.country', op: 'eq', value: 'Germany' }, [`${V} UNKNOWN_VALUE DE`]],
  ['a word that is no country', { attr: 'geo.country', op: 'eq', value: 'pro' }, [`${V} UNKNOWN_VALUE`]],
  ['countries in a list, each at its index', { attr: 'geo.country', op: 'in', value: ['DE', 'UK', 'USA', 'fr', 'pro'] }, [`${V}/1 UNKNOWN_VALUE GB`, `${V}/2 UNKNOWN_VALUE US`, `${V}/3 UNKNOWN_VALUE FR`, `${V}/4 UNKNOWN_VALUE`]],
  ['countries excluded', { attr: 'geo.country', op: 'not_in', value: ['Frnace'] }, [`${V}/0 UNKNOWN_VALUE FR`]],
  ['a country compared with neq', { attr: 'geo.country', op: 'neq', value: 'United States' }, [`${V} UNKNOWN_VALUE US`]],
  ['valid countries', { attr: 'geo.country', op: 'in', value: ['DE', 'AT', 'CH', 'XK'] }, []],
  ['a lower-case country under caseInsensitive', { attr: 'geo.country', op: 'in', value: ['de', 'at'], caseInsensitive: true }, []],
  ['a country name under caseInsensitive', { attr: 'geo.country', op: 'eq', value: 'germany', caseInsensitive: true }, [`${V} UNKNOWN_VALUE DE`]],
  ['a country prefix (starts_with does not name values)', { attr: 'geo.country', op: 'starts_with', value: 'd' }, []],
  ['a country pattern (matches does not name values)', { attr: 'geo.country', op: 'matches', value: '^(de|at)$' }, []],
  ['a region without its country', { attr: 'geo.region', op: 'eq', value: 'TX' }, [`${V} UNKNOWN_VALUE US-TX`]],
  ['a region in lower case', { attr: 'geo.region', op: 'in', value: ['us-ca', 'DE-BE'] }, [`${V}/0 UNKNOWN_VALUE US-CA`]],
  ['a region by name', { attr: 'geo.region', op: 'eq', value: 'California' }, [`${V} UNKNOWN_VALUE US-CA`]],
  ['a region no country has', { attr: 'geo.region', op: 'eq', value: 'Atlantis' }, [`${V} UNKNOWN_VALUE`]],
  ['a device type by another name', { attr: 'device.type', op: 'in', value: ['phone', 'Desktop', 'tablet'] }, [`${V}/0 UNKNOWN_VALUE mobile`, `${V}/1 UNKNOWN_VALUE desktop`]],
  ['a browser misspelt', { attr: 'browser.name', op: 'eq', value: 'chrme' }, [`${V} UNKNOWN_VALUE Chrome`]],
  ['a crawler by its token', { attr: 'browser.name', op: 'eq', value: 'Googlebot' }, []],
  ['an OS by its old name', { attr: 'os.name', op: 'in', value: ['Mac OS X', 'iOS'] }, [`${V}/0 UNKNOWN_VALUE macOS`]],
  ['an OS fragment with contains (not checked)', { attr: 'os.name', op: 'contains', value: 'Win' }, []],
  ['a plan the catalogue does not allow, misspelt', { attr: 'plan', op: 'eq', value: 'Pro' }, [`${V} VALUE_NOT_ALLOWED pro`]],
  ['a plan the catalogue does not allow', { attr: 'plan', op: 'in', value: ['pro', 'platinum'] }, [`${V}/1 VALUE_NOT_ALLOWED`]],
  ['array elements against allowed values', { attr: 'roles', op: 'contains_any', value: ['admin', 'editr'] }, [`${V}/1 VALUE_NOT_ALLOWED editor`]],
  ['array elements against a domain', { attr: 'markets', op: 'contains_all', value: ['Germany', 'AT'] }, [`${V}/0 UNKNOWN_VALUE DE`]],
  ['a plan differing in case under caseInsensitive', { attr: 'plan', op: 'in', value: ['PRO', 'Free'], caseInsensitive: true }, []],
  ['a number the catalogue does not allow (no suggestion for numbers)', { attr: 'tier', op: 'in', value: [2, 4] }, [`${V}/1 VALUE_NOT_ALLOWED`]],
  ['an attribute without a domain', { attr: 'email', op: 'eq', value: 'Germany' }, []],
  ['clauses nested in groups, each at its own path', { any: [{ attr: 'geo.country', op: 'eq', value: 'de' }, { not: { attr: 'device.type', op: 'eq', value: 'pc' } }] },
    ['/rules/0/when/any/0/value UNKNOWN_VALUE DE', '/rules/0/when/any/1/not/value UNKNOWN_VALUE desktop']],
];

describe('operands checked against their attribute\'s values', () => {
  for (const [title, clause, expected] of ROWS) {
    it(`warns about ${title}${expected.length === 0 ? ': nothing' : ''}`, () => {
      assert.deepEqual(valueWarnings(clause), expected);
    });
  }

  it('leaves a list operator\'s malformed operand to the operand check: one error, no value warnings', () => {
    const { errors, warnings } = validate(flagWith({ attr: 'geo.country', op: 'in', value: 'Germany' }), { catalogue: CATALOGUE });
    assert.deepEqual(errors.map((e) => `${e.path} ${e.code}`), [`${V} INVALID_OPERAND`]);
    assert.deepEqual(warnings, []);
  });

  it('stops searching for nearest spellings once a document has many warnings, still fixing case and names', () => {
    const garbage = Array.from({ length: NEAREST_SEARCHES }, (_, i) => `Qzx${i}`);
    const { warnings } = validate(flagWith({ attr: 'geo.country', op: 'in', value: [...garbage, 'Germny', 'de', 'Germany'] }), { catalogue: CATALOGUE });
    assert.deepEqual(warnings.slice(NEAREST_SEARCHES).map((w) => [w.path, w.suggestion]), [[`${V}/${NEAREST_SEARCHES}`, undefined], [`${V}/${NEAREST_SEARCHES + 1}`, 'DE'], [`${V}/${NEAREST_SEARCHES + 2}`, 'DE']]);
    const early = validate(flagWith({ attr: 'geo.country', op: 'in', value: ['Germny'] }), { catalogue: CATALOGUE });
    assert.equal(validate(flagWith({ attr: 'markets', op: 'contains_any', value: ['Germany'] }), { catalogue: CATALOGUE }).warnings[0]?.message,
      '"Germany" is not an ISO 3166-1 alpha-2 country code in upper case ("DE"), so "markets" never holds it; did you mean "DE"?');
    assert.equal(early.warnings[0]?.suggestion, 'DE');
  });

  it('says what the attribute holds and what was probably meant', () => {
    const [warning] = validate(flagWith({ attr: 'geo.country', op: 'eq', value: 'Germany' }), { catalogue: CATALOGUE }).warnings;
    assert.equal(warning?.message, '"Germany" is not an ISO 3166-1 alpha-2 country code in upper case ("DE"), so "geo.country" never equals it; did you mean "DE"?');
  });

  it('checks the values of a segment and of a bare condition too', () => {
    const segment = validate({ key: 's', when: { attr: 'geo.country', op: 'eq', value: 'de' } }, { kind: 'segment', catalogue: CATALOGUE });
    assert.deepEqual(segment.warnings.map((w) => [w.path, w.suggestion]), [['/when/value', 'DE']]);
    const condition = validate({ attr: 'geo.country', op: 'eq', value: 'de' }, { kind: 'condition', catalogue: CATALOGUE });
    assert.deepEqual(condition.warnings.map((w) => [w.path, w.suggestion]), [['/value', 'DE']]);
  });

  it('is a property of each operator: those naming values are the equality and array-membership ones', () => {
    const checking = OPERATORS.filter((op) => OPERATOR_SPECS[op].checksValues);
    assert.deepEqual(checking, ['eq', 'neq', 'in', 'not_in', 'contains_all', 'contains_any', 'contains_none']);
  });
});
