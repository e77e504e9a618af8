import assert from 'node:assert/strict';
import { validate, type Condition, type Flag, type FlagInput, type Segment, type ValidateOptions } from '../../../shared/rules/index.ts';

const base: FlagInput = { key: 'f', enabled: true, variants: { on: true, off: false }, offVariant: 'off', defaultVariant: 'off' };
const when = (condition: unknown): unknown => ({ ...base, rules: [{ id: 'r', when: condition, serve: { variant: 'on' } }] });
const split = (parts: unknown[]): unknown => ({ ...base, rules: [{ id: 'r', serve: { rollout: { split: parts } } }] });

type Row = [title: string, doc: unknown, code: string, path: string, options?: ValidateOptions];

const staff: Segment = { key: 'staff', when: { attr: 'email', op: 'ends_with', value: '@acme.com' } };
const loopA: Segment = { key: 'a', when: { segment: 'b' } };
const loopB: Segment = { key: 'b', when: { any: [{ segment: 'a' }] } };
const other = (overrides: Partial<Flag>): Flag => ({ key: 'other', enabled: true, variants: { on: true, off: false }, offVariant: 'off', defaultVariant: 'off', ...overrides });

const rows: Row[] = [
  ['a missing field', { ...base, enabled: undefined }, 'REQUIRED', '/enabled'],
  ['a field of the wrong type', { ...base, enabled: 'yes' }, 'INVALID_TYPE', '/enabled'],
  ['a misspelt field', { ...base, defualtVariant: 'off' }, 'UNKNOWN_FIELD', '/defualtVariant'],
  ['a key with spaces', { ...base, key: 'new checkout' }, 'INVALID_VALUE', '/key'],
  ['an unknown operator', when({ attr: 'plan', op: 'equals', value: 'pro' }), 'UNKNOWN_OPERATOR', '/rules/0/when/op'],
  ['an empty condition', when({}), 'INVALID_VALUE', '/rules/0/when'],
  ['a list operand for eq', when({ attr: 'plan', op: 'eq', value: ['pro'] }), 'INVALID_OPERAND', '/rules/0/when/value'],
  ['a string operand for gt', when({ attr: 'age', op: 'gt', value: '18' }), 'INVALID_OPERAND', '/rules/0/when/value'],
  ['a null inside an in list', when({ attr: 'plan', op: 'in', value: ['pro', null] }), 'INVALID_OPERAND', '/rules/0/when/value/1'],
  ['an operator without its value', when({ attr: 'plan', op: 'in' }), 'MISSING_VALUE', '/rules/0/when/value'],
  ['a value on exists', when({ attr: 'plan', op: 'exists', value: true }), 'UNEXPECTED_VALUE', '/rules/0/when/value'],
  ['a clause without an attribute', when({ op: 'eq', value: 1 }), 'MISSING_ATTRIBUTE', '/rules/0/when/attr'],
  ['an attribute on time_window', when({ attr: 'now', op: 'time_window', value: { from: '09:00', to: '17:00', tz: 'UTC' } }), 'UNEXPECTED_ATTRIBUTE', '/rules/0/when/attr'],
  ['caseInsensitive on a number operator', when({ attr: 'age', op: 'gt', value: 1, caseInsensitive: true }), 'CASE_INSENSITIVE_NOT_SUPPORTED', '/rules/0/when/caseInsensitive'],
  ['a between whose bounds are reversed', when({ attr: 'age', op: 'between', value: [65, 18] }), 'INVALID_RANGE', '/rules/0/when/value'],
  ['a bad regex', when({ attr: 'email', op: 'matches', value: '(unclosed' }), 'INVALID_REGEX', '/rules/0/when/value'],
  ['a backreference', when({ attr: 'email', op: 'matches', value: '(a)\\1' }), 'INVALID_REGEX', '/rules/0/when/value'],
  ['a bad semver', when({ attr: 'appVersion', op: 'semver_gte', value: '2.3' }), 'INVALID_SEMVER', '/rules/0/when/value'],
  ['a naive date', when({ attr: 'signup', op: 'after', value: '2026-01-01T00:00:00' }), 'INVALID_DATE', '/rules/0/when/value'],
  ['an impossible date', when({ attr: 'signup', op: 'after', value: '2026-02-30T00:00:00Z' }), 'INVALID_DATE', '/rules/0/when/value'],
  ['an unknown time zone', when({ op: 'time_window', value: { from: '09:00', to: '17:00', tz: 'Mars/Olympus' } }), 'INVALID_TIMEZONE', '/rules/0/when/value/tz'],
  ['a time of 25:00', when({ op: 'time_window', value: { from: '25:00', to: '17:00', tz: 'UTC' } }), 'INVALID_TIME', '/rules/0/when/value/from'],
  ['a window from and to the same time', when({ op: 'time_window', value: { from: '09:00', to: '09:00', tz: 'UTC' } }), 'EMPTY_TIME_WINDOW', '/rules/0/when/value/to'],
  ['an unknown weekday', when({ op: 'time_window', value: { days: ['mon', 'funday'], from: '09:00', to: '17:00', tz: 'UTC' } }), 'INVALID_OPERAND', '/rules/0/when/value/days/1'],
  ['a percent with four decimals', when({ attr: 'targetingKey', op: 'in_rollout', value: { salt: 's', percent: 10.0001 } }), 'INVALID_PERCENT', '/rules/0/when/value/percent'],
  ['a malformed behavioural attribute', when({ attr: 'behavior.purchase.count', op: 'gt', value: 1 }), 'INVALID_BEHAVIOR_ATTRIBUTE', '/rules/0/when/attr'],
  ['a behavioural window past 90 days', when({ attr: 'behavior.purchase.count_91d', op: 'gt', value: 1 }), 'INVALID_BEHAVIOR_ATTRIBUTE', '/rules/0/when/attr'],
  ['a radius of zero', when({ attr: 'geo', op: 'within_radius', value: { lat: 52.5, lon: 13.4, km: 0 } }), 'INVALID_OPERAND', '/rules/0/when/value/km'],
  ['an unknown default variant', { ...base, defaultVariant: 'maybe' }, 'UNKNOWN_VARIANT', '/defaultVariant'],
  ['an unknown served variant', { ...base, rules: [{ id: 'r', serve: { variant: 'maybe' } }] }, 'UNKNOWN_VARIANT', '/rules/0/serve/variant'],
  ['an unknown split variant', split([{ variant: 'on', weight: 50 }, { variant: 'maybe', weight: 50 }]), 'UNKNOWN_VARIANT', '/rules/0/serve/rollout/split/1/variant'],
  ['weights adding up to 99', split([{ variant: 'on', weight: 49 }, { variant: 'off', weight: 50 }]), 'WEIGHTS_NOT_100', '/rules/0/serve/rollout/split'],
  ['a variant twice in a split', split([{ variant: 'on', weight: 50 }, { variant: 'on', weight: 50 }]), 'INVALID_VALUE', '/rules/0/serve/rollout/split/1/variant'],
  ['an unknown bucketing algorithm', { ...base, rules: [{ id: 'r', serve: { rollout: { algorithm: 2, split: [{ variant: 'on', weight: 100 }] } } }] }, 'INVALID_VALUE', '/rules/0/serve/rollout/algorithm'],
  ['duplicate rule ids', { ...base, rules: [{ id: 'r', serve: { variant: 'on' } }, { id: 'r', serve: { variant: 'off' } }] }, 'DUPLICATE_RULE_ID', '/rules/1/id'],
  ['a schedule that ends before it starts', { ...base, schedule: { from: '2026-02-01T00:00:00Z', until: '2026-01-01T00:00:00Z' } }, 'INVALID_SCHEDULE', '/schedule/until'],
  ['a schedule with a naive date', { ...base, schedule: { from: '2026-02-01' } }, 'INVALID_DATE', '/schedule/from'],
  ['an unknown segment', when({ segment: 'ghosts' }), 'UNKNOWN_SEGMENT', '/rules/0/when/segment', { segments: { staff } }],
  ['a segment cycle', when({ segment: 'a' }), 'SEGMENT_CYCLE', '/rules/0/when', { segments: { a: loopA, b: loopB } }],
  ['an unknown prerequisite flag', { ...base, prerequisites: [{ flag: 'ghost', variant: 'on' }] }, 'UNKNOWN_FLAG', '/prerequisites/0/flag', { flags: {} }],
  ['an unknown prerequisite variant', { ...base, prerequisites: [{ flag: 'other', variant: 'maybe' }] }, 'UNKNOWN_VARIANT', '/prerequisites/0/variant', { flags: { other: other({}) } }],
  ['a flag as its own prerequisite', { ...base, prerequisites: [{ flag: 'f', variant: 'on' }] }, 'PREREQUISITE_CYCLE', '/prerequisites/0/flag'],
  ['a prerequisite cycle through another flag', { ...base, prerequisites: [{ flag: 'other', variant: 'on' }] }, 'PREREQUISITE_CYCLE', '/prerequisites', { flags: { other: other({ prerequisites: [{ flag: 'f', variant: 'on' }] }) } }],
  ['an operator that does not suit the attribute type', when({ attr: 'plan', op: 'gt', value: 3 }), 'ATTRIBUTE_TYPE_MISMATCH', '/rules/0/when/op', { catalogue: [{ name: 'plan', type: 'string' }] }],
  ['an operand of another type than the attribute', when({ attr: 'plan', op: 'in', value: ['pro', 3] }), 'ATTRIBUTE_TYPE_MISMATCH', '/rules/0/when/value/1', { catalogue: [{ name: 'plan', type: 'string' }] }],
];

describe('validation codes', () => {
  for (const [title, doc, code, path, options] of rows) {
    it(`reports ${code} at ${path || '(root)'} for ${title}`, () => {
      const { errors } = validate(doc, options);
      assert.deepEqual(errors.map((e) => [e.code, e.path]), [[code, path]], JSON.stringify(errors));
      assert.ok(errors[0]!.message.length > 0);
    });
  }

  for (const op of ['in', 'not_in', 'contains_any', 'contains_all', 'contains_none'] as const) {
    it(`warns EMPTY_LIST at the list for ${op} [], without an error`, () => {
      const { errors, warnings } = validate(when({ attr: 'tags', op, value: [] }));
      assert.deepEqual(errors, []);
      assert.deepEqual(warnings.filter((w) => w.code === 'EMPTY_LIST').map((w) => w.path), ['/rules/0/when/value']);
    });
  }

  it('names the condition forms and the unknown field for a condition of no known form', () => {
    const { errors } = validate(when({ attribute: 'plan' }));
    assert.deepEqual(errors.map((e) => [e.code, e.path]), [['INVALID_VALUE', '/rules/0/when'], ['UNKNOWN_FIELD', '/rules/0/when/attribute']]);
    assert.match(errors[0]!.message, /"all", "any", "not", "segment", "op"/);
  });

  it('names both forms when a condition mixes all and any', () => {
    const { errors } = validate(when({ all: [], any: [] }));
    assert.deepEqual(errors.map((e) => [e.code, e.path]), [['INVALID_VALUE', '/rules/0/when']]);
    assert.match(errors[0]!.message, /"all", "any", "not", "segment", "op"/);
  });

  it('reports weights with four decimals and leaves the sum alone', () => {
    const { errors } = validate(split([{ variant: 'on', weight: 49.9995 }, { variant: 'off', weight: 50.0005 }]));
    assert.deepEqual(errors.map((e) => [e.code, e.path]), [
      ['INVALID_PERCENT', '/rules/0/serve/rollout/split/0/weight'],
      ['INVALID_PERCENT', '/rules/0/serve/rollout/split/1/weight'],
    ]);
  });

  it('reports every error of a document at once', () => {
    const doc = { ...base, defaultVariant: 'maybe', rules: [{ id: 'r', when: { attr: 'a', op: 'gt', value: 'x' }, serve: { variant: 'nope' } }] };
    assert.deepEqual(validate(doc).errors.map((e) => e.code).sort(), ['INVALID_OPERAND', 'UNKNOWN_VARIANT', 'UNKNOWN_VARIANT']);
  });

  it('accepts a valid flag with no errors', () => {
    assert.deepEqual(validate(base).errors, []);
  });
});

describe('validation warnings', () => {
  it('warns about attributes the catalogue does not know, but not about targetingKey', () => {
    const doc = when({ all: [{ attr: 'plan', op: 'eq', value: 'pro' }, { attr: 'targetingKey', op: 'exists' }] });
    const { errors, warnings } = validate(doc, { catalogue: {} });
    assert.deepEqual(errors, []);
    assert.deepEqual(warnings.filter((w) => w.code === 'UNKNOWN_ATTRIBUTE').map((w) => w.path), ['/rules/0/when/all/0/attr']);
  });

  it('warns about values the catalogue does not allow', () => {
    const doc = when({ attr: 'plan', op: 'in', value: ['pro', 'platinum'] });
    const { warnings } = validate(doc, { catalogue: [{ name: 'plan', type: 'string', allowedValues: ['free', 'pro'] }] });
    assert.deepEqual(warnings.filter((w) => w.code === 'VALUE_NOT_ALLOWED').map((w) => w.path), ['/rules/0/when/value/1']);
  });

  it('warns when variants hold values of different JSON types', () => {
    const { warnings } = validate({ ...base, variants: { on: 'yes', off: false } });
    assert.ok(warnings.some((w) => w.code === 'MIXED_VARIANT_TYPES'));
  });

  it('checks a segment and a bare condition on request', () => {
    assert.deepEqual(validate({ key: 's', when: { attr: 'x', op: 'gt', value: 'y' } }, { kind: 'segment' }).errors.map((e) => e.path), ['/when/value']);
    assert.deepEqual(validate({ key: 'a', when: { segment: 'a' } }, { kind: 'segment', segments: {} }).errors.map((e) => e.code), ['SEGMENT_CYCLE']);
    assert.deepEqual(validate({ attr: 'x', op: 'gt', value: 'y' }, { kind: 'condition' }).errors.map((e) => e.path), ['/value']);
    assert.deepEqual(validate({ attr: 'x', op: 'gt', value: 1 } satisfies Condition, { kind: 'condition' }).errors, []);
  });
});
