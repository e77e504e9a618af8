import assert from 'node:assert/strict';
import { changesInWords, conditionWords } from '../../../functions/console/web/logic/change-words.ts';
import { formatDateTime, zoneName } from '../../../functions/console/web/logic/dates.ts';
import { placeOf, uniqueWarnings } from '../../../functions/console/web/logic/warnings.ts';
import { mayEdit, roleFromRefusal, signInProblem } from '../../../functions/console/web/logic/key-role.ts';

const v1 = { key: 'd', enabled: true, variants: { on: true, off: false }, offVariant: 'off', defaultVariant: 'off', tags: ['a'],
  rules: [{ id: 'eu-launch', when: { attr: 'plan', op: 'eq', value: 'pro' }, serve: { rollout: { split: [{ variant: 'on', weight: 25 }, { variant: 'off', weight: 75 }] } } }] };
const v2 = { key: 'd', name: 'D test', enabled: false, variants: { on: true, off: false, blue: 'b' }, offVariant: 'off', defaultVariant: 'on', tags: ['a', 'b'],
  rules: [{ id: 'eu-launch', when: { all: [{ attr: 'plan', op: 'eq', value: 'free' }, { attr: 'geo.country', op: 'in', value: ['DE'] }] }, serve: { rollout: { split: [{ variant: 'on', weight: 30 }, { variant: 'off', weight: 70 }] } } },
    { id: 'staff', when: { segment: 'staff' }, serve: { variant: 'on' } }] };
// As GET …/diff?from=1&to=2 answers for these two documents.
const changes = [
  { op: 'changed', path: '/defaultVariant', before: 'off', after: 'on' },
  { op: 'changed', path: '/enabled', before: true, after: false },
  { op: 'added', path: '/name', after: 'D test' },
  { op: 'changed', path: '/rules/0/serve/rollout/split/0/weight', before: 25, after: 30 },
  { op: 'changed', path: '/rules/0/serve/rollout/split/1/weight', before: 75, after: 70 },
  { op: 'added', path: '/rules/0/when/all', after: v2.rules[0]!.when.all },
  { op: 'removed', path: '/rules/0/when/attr', before: 'plan' },
  { op: 'removed', path: '/rules/0/when/op', before: 'eq' },
  { op: 'removed', path: '/rules/0/when/value', before: 'pro' },
  { op: 'added', path: '/rules/1', after: v2.rules[1] },
  { op: 'added', path: '/tags/1', after: 'b' },
  { op: 'added', path: '/variants/blue', after: 'b' },
];

describe('history in words', () => {
  it('describes each change of a diff in a sentence, grouping a rule\'s condition, its split and the tags', () => {
    const words = changesInWords(changes, v1, v2);
    assert.deepEqual(words.map((w) => w.text), [
      'Default variant: "off" -> "on"',
      'Turned off (everyone gets the off variant)',
      'Name set to "D test"',
      'Rule eu-launch: on 25% -> 30%, off 75% -> 70%',
      'Rule eu-launch: when plan is pro -> when plan is free and geo.country is one of DE',
      'Rule staff added as rule 2: when in segment staff, serve on',
      'Tags: a -> a, b',
      'Variant blue added ("b")',
    ]);
    assert.equal(words.flatMap((w) => w.changes).length, changes.length, 'every raw change is kept for the JSON view');
  });

  it('still reads when a version\'s document is unknown', () => {
    const [w] = changesInWords([{ op: 'changed', path: '/rules/2/serve/rollout/split/0/weight', before: 10, after: 20 }], undefined, undefined);
    assert.equal(w!.text, 'Rule 3: split part 1 10% -> 20%');
  });

  it('reads nested conditions with their grouping', () => {
    assert.equal(conditionWords({ any: [{ attr: 'plan', op: 'eq', value: 'pro' }, { not: { all: [{ attr: 'a', op: 'gt', value: 1 }, { attr: 'b', op: 'exists' }] } }] }), 'plan is pro or not (a > 1 and b is present)');
  });
});

describe('console warnings and dates', () => {
  it('keeps each warning once and names its place', () => {
    const w = { path: '/variants/on', code: 'UNUSED_VARIANT', message: 'never served' };
    assert.deepEqual(uniqueWarnings([w], [{ ...w }]), [w]);
    assert.equal(placeOf('/rules/1/serve/rollout/split/0/weight', ['a', 'eu']), 'Rule 2 (eu), serve');
    assert.equal(placeOf('/rules/0', ['a']), 'Rule 1 (a)');
    assert.equal(placeOf('/variants/on', []), 'Variant on');
    assert.equal(placeOf('/defaultVariant', []), 'Flag default variant');
  });

  it('names the time zone of a date', () => {
    assert.match(formatDateTime('2026-12-05T14:45:00Z', 'en-US', 'America/New_York'), /Dec 5, 2026, 09:45 AM EST/);
    assert.equal(formatDateTime('not a date'), 'not a date');
    assert.equal(zoneName(new Date('2026-07-01T12:00:00Z'), 'en-US', 'America/New_York'), 'EDT');
  });
});

describe('console key role', () => {
  it('reads the role a refusal names, and only from a 403', () => {
    assert.equal(roleFromRefusal(403, 'this needs an admin key with role "editor" or above; this key is "viewer"'), 'viewer');
    assert.equal(roleFromRefusal(403, 'this endpoint needs an admin key'), null);
    assert.equal(roleFromRefusal(422, 'this key is "viewer"'), null);
    assert.equal(mayEdit('viewer'), false);
    assert.equal(mayEdit(null), true, 'until a refusal names it, the console offers editing');
  });

  it('explains a refused sign-in without headers, endpoints or status codes', () => {
    for (const [status, code] of [[0], [401, 'UNAUTHORIZED'], [403, 'FORBIDDEN'], [429], [503], [400]] as const) {
      assert.doesNotMatch(signInProblem(status, code), /Authorization|Bearer|X-API-Key|endpoint|\/v1\/|HTTP|\b\d{3}\b/);
    }
  });
});
