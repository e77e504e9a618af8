import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ALPHA2_OF_NUMERIC, alpha2For } from '../../../functions/console/web/logic/country-codes.ts';
import { parseUsers, usersFromCsv } from '../../../functions/console/web/logic/csv-users.ts';
import { filterFlags, type LibraryItem } from '../../../functions/console/web/logic/flag-library.ts';
import { toggleCountry } from '../../../functions/console/web/logic/geo-condition.ts';
import { eventsUsed } from '../../../functions/console/web/logic/behavior-events.ts';
import { defaultValueFor, operatorsFor, splitPastedValues } from '../../../functions/console/web/logic/operator-inputs.ts';
import { issuesForField, relativeTo } from '../../../functions/console/web/logic/problems.ts';
import { pushState, redo, undo, undoStack } from '../../../functions/console/web/logic/undo-stack.ts';
import { evenSplit, setWeight, weightVerdict } from '../../../functions/console/web/logic/weights.ts';
import { formatRate } from '../../../functions/console/web/logic/usage.ts';

describe('console usage badge', () => {
  it('reads a match rate as a short percentage', () => {
    assert.deepEqual([0, 0.0004, 0.025, 0.2, 0.4049, 1].map(formatRate), ['0%', '<0.1%', '2.5%', '20%', '40%', '100%']);
  });
});

describe('console undo stack', () => {
  it('undoes and redoes, and a new edit clears what could be redone', () => {
    let s = pushState(pushState(undoStack(1), 2), 3);
    s = undo(s);
    assert.equal(s.present, 2);
    assert.equal(redo(s).present, 3);
    assert.deepEqual(pushState(s, 9).future, []);
  });
  it('coalesces typing in one field within the window into one step', () => {
    const s = pushState(pushState(pushState(undoStack('a'), 'ab', 'name', 0), 'abc', 'name', 300), 'abcd', 'other', 400);
    assert.deepEqual(s.past, ['a', 'abc']);
  });
});

describe('console test users', () => {
  it('reads CSV with dotted columns, quoted cells, typed values and missing cells', () => {
    const { users, errors } = usersFromCsv('targetingKey,geo.country,seats,beta,roles,note\nu1,DE,12,true,admin|owner,"a, b"\nu2,,3,false,,');
    assert.deepEqual(errors, []);
    assert.deepEqual(users, [
      { targetingKey: 'u1', geo: { country: 'DE' }, seats: 12, beta: true, roles: ['admin', 'owner'], note: 'a, b' },
      { targetingKey: 'u2', seats: 3, beta: false },
    ]);
  });
  it('reads a JSON array and JSON lines, and names what is wrong', () => {
    assert.equal(parseUsers('[{"targetingKey":"a"},{"targetingKey":"b"}]').users.length, 2);
    assert.equal(parseUsers('{"targetingKey":"a"}\n{"targetingKey":"b"}').users.length, 2);
    assert.deepEqual(parseUsers('[1]').errors, ['user 1 is not an object']);
  });
});

describe('console weights', () => {
  it('keeps the total at 100 by adjusting the last other variant', () => {
    const split = setWeight([{ variant: 'a', weight: 50 }, { variant: 'b', weight: 50 }], 0, 30);
    assert.deepEqual(split, [{ variant: 'a', weight: 30 }, { variant: 'b', weight: 70 }]);
    assert.equal(weightVerdict(split).ok, true);
  });
  it('splits evenly to three decimals and says what a short total means', () => {
    assert.deepEqual(evenSplit(['a', 'b', 'c']).map((s) => s.weight), [33.334, 33.333, 33.333]);
    assert.match(weightVerdict([{ variant: 'a', weight: 90 }]).message, /10% of users would get no variant/);
  });
});

describe('console condition editor choices', () => {
  it('offers the operators the attribute type accepts', () => {
    assert.ok(operatorsFor('semver').includes('semver_gte'));
    assert.ok(!operatorsFor('number').includes('matches'));
    assert.ok(operatorsFor('array').includes('contains_any'));
  });
  it('starts a value of the operator\'s shape, keeping what still fits', () => {
    assert.deepEqual(defaultValueFor('in', 'pro'), ['pro']);
    assert.equal(defaultValueFor('semver_gte', 'pro'), '1.0.0');
    assert.equal(defaultValueFor('exists', 'x'), undefined);
  });
  it('splits many pasted values on lines, commas, semicolons and tabs', () => {
    assert.deepEqual(splitPastedValues('DE, FR\nNL;\tAT'), ['DE', 'FR', 'NL', 'AT']);
  });
});

describe('console issue placement', () => {
  it('places problem paths from a request body relative to the document', () => {
    const issues = relativeTo([{ path: '/flag/rules/0/when/value', code: 'X', message: 'm' }], '/flag');
    assert.deepEqual(issuesForField(issues, '/rules/0/when', 'value').map((i) => i.path), ['/rules/0/when/value']);
  });
  it('shows issues under a range value at the value field', () => {
    const issues = [{ path: '/rules/0/when/value/1', code: 'X', message: 'm' }];
    assert.equal(issuesForField(issues, '/rules/0/when', 'value').length, 1);
    assert.equal(issuesForField(issues, '/rules/0/when', 'attr').length, 0);
  });
});

describe('console flag library', () => {
  const item = (key: string, enabled: boolean, tags: string[], owner?: string, updatedAt = '2026-01-01'): LibraryItem => ({ key, version: 1, updatedAt, updatedBy: 'x', document: { key, enabled, tags, ...(owner ? { owner } : {}), variants: {}, offVariant: 'a', defaultVariant: 'a' } });
  const items = [item('b-flag', true, ['ui'], 'web', '2026-02-01'), item('a-flag', false, ['ui', 'beta']), item('c-flag', true, ['beta'], 'web')];
  it('searches keys and tags, filters by tag, state and owner, and sorts', () => {
    assert.deepEqual(filterFlags(items, { text: 'BETA', tag: '', state: 'all', owner: '', sort: 'key' }).map((i) => i.key), ['a-flag', 'c-flag']);
    assert.deepEqual(filterFlags(items, { text: '', tag: 'ui', state: 'enabled', owner: 'web', sort: 'key' }).map((i) => i.key), ['b-flag']);
    assert.deepEqual(filterFlags(items, { text: '', tag: '', state: 'all', owner: '', sort: 'updated' })[0]!.key, 'b-flag');
  });
});

describe('console map and behaviour views', () => {
  it('maps every numeric id of world-atlas countries-110m to a distinct alpha-2 code', () => {
    const atlas = JSON.parse(readFileSync(new URL('../../../node_modules/world-atlas/countries-110m.json', import.meta.url), 'utf8')) as { objects: { countries: { geometries: { id?: string; properties: { name: string } }[] } } };
    const ids = atlas.objects.countries.geometries.flatMap((g) => (g.id ? [g.id] : []));
    assert.deepEqual(ids.filter((id) => alpha2For(id, undefined) === undefined), []);
    assert.equal(new Set(Object.values(ALPHA2_OF_NUMERIC)).size, Object.keys(ALPHA2_OF_NUMERIC).length);
    assert.equal(alpha2For('276', 'Germany'), 'DE');
    assert.equal(alpha2For(undefined, 'Kosovo'), 'XK');
  });
  it('toggles a country in the rule\'s geo.country clause, adding the clause when missing', () => {
    const added = toggleCountry({ attr: 'plan', op: 'eq', value: 'pro' }, 'DE');
    assert.deepEqual(added, { all: [{ attr: 'plan', op: 'eq', value: 'pro' }, { attr: 'geo.country', op: 'in', value: ['DE'] }] });
    assert.deepEqual(toggleCountry(added, 'FR'), { all: [{ attr: 'plan', op: 'eq', value: 'pro' }, { attr: 'geo.country', op: 'in', value: ['DE', 'FR'] }] });
    assert.deepEqual(toggleCountry(toggleCountry(undefined, 'DE'), 'DE'), undefined);
  });
  it('lists the tracked events rules read, with window and negation', () => {
    const flag = { key: 'f', enabled: true, variants: {}, offVariant: 'a', defaultVariant: 'a', rules: [{ id: 'r', serve: { variant: 'a' }, when: { not: { attr: 'behavior.purchase.count_30d', op: 'gte', value: 2 } } }] } as const;
    assert.deepEqual(eventsUsed(flag as never), [{ ruleId: 'r', event: 'purchase', windowDays: 30, op: 'gte', value: 2, negated: true }]);
  });
});
