import assert from 'node:assert/strict';
import { checkContext, LIMITS, validate, type FlagInput, type Condition } from '../../../shared/rules/index.ts';

const base: FlagInput = { key: 'limits', enabled: true, variants: { on: true, off: false }, offVariant: 'off', defaultVariant: 'off' };
const clause = (i: number): Condition => ({ attr: `a${i}`, op: 'eq', value: i });
const codes = (doc: unknown) => validate(doc).errors.map((e) => e.code);

function nested(depth: number): Condition {
  let condition: Condition = clause(0);
  for (let i = 0; i < depth; i++) condition = { all: [condition] };
  return condition;
}

function withRules(count: number): FlagInput {
  return { ...base, rules: Array.from({ length: count }, (_, i) => ({ id: `r${i}`, when: clause(i), serve: { variant: 'on' } })) };
}

function withWhen(when: Condition): FlagInput {
  return { ...base, rules: [{ id: 'r', when, serve: { variant: 'on' } }] };
}

/** A flag whose JSON is exactly `bytes` long, padded through a variant's string value. */
function ofSize(bytes: number): FlagInput {
  const empty = JSON.stringify({ ...base, variants: { on: '', off: false } }).length;
  return { ...base, variants: { on: 'x'.repeat(bytes - empty), off: false } };
}

describe('validation limits', () => {
  it('accepts a flag document of exactly 256 KiB and refuses one byte more', () => {
    assert.equal(JSON.stringify(ofSize(LIMITS.flagDocumentBytes)).length, LIMITS.flagDocumentBytes);
    assert.deepEqual(codes(ofSize(LIMITS.flagDocumentBytes)), []);
    assert.deepEqual(codes(ofSize(LIMITS.flagDocumentBytes + 1)), ['DOCUMENT_TOO_LARGE']);
  });

  it('counts document size in UTF-8 bytes, not characters', () => {
    const doc = { ...base, variants: { on: 'é'.repeat(LIMITS.flagDocumentBytes / 2), off: false } };
    assert.deepEqual(codes(doc), ['DOCUMENT_TOO_LARGE']);
  });

  it('accepts 50 rules and refuses 51', () => {
    assert.deepEqual(codes(withRules(50)), []);
    assert.deepEqual(codes(withRules(51)), ['TOO_MANY_RULES']);
  });

  it('accepts 30 clauses in a rule and refuses 31', () => {
    const clauses = (n: number) => withWhen({ any: Array.from({ length: n }, (_, i) => clause(i)) });
    assert.deepEqual(codes(clauses(30)), []);
    const errors = validate(clauses(31)).errors;
    assert.deepEqual(errors.map((e) => [e.code, e.path]), [['TOO_MANY_CLAUSES', '/rules/0/when']]);
  });

  it('counts segment references as clauses', () => {
    const when: Condition = { all: [...Array.from({ length: 30 }, (_, i) => clause(i)), { segment: 's' }] };
    assert.deepEqual(codes(withWhen(when)), ['TOO_MANY_CLAUSES']);
  });

  it('accepts groups nested 6 deep and refuses 7, at the seventh group', () => {
    assert.deepEqual(codes(withWhen(nested(6))), []);
    const errors = validate(withWhen(nested(7))).errors;
    assert.deepEqual(errors.map((e) => [e.code, e.path]), [['TOO_DEEP', `/rules/0/when${'/all/0'.repeat(6)}`]]);
  });

  it('counts not as a level of nesting', () => {
    const when: Condition = { not: nested(6) };
    assert.deepEqual(codes(withWhen(when)), ['TOO_DEEP']);
  });

  it('accepts 1,000 values in a list and refuses 1,001', () => {
    const list = (n: number) => withWhen({ attr: 'id', op: 'in', value: Array.from({ length: n }, (_, i) => `v${i}`) });
    assert.deepEqual(codes(list(1000)), []);
    assert.deepEqual(validate(list(1001)).errors.map((e) => [e.code, e.path]), [['LIST_TOO_LONG', '/rules/0/when/value']]);
  });

  it('accepts numbers up to 2^53 - 1 in magnitude and refuses larger ones', () => {
    const gt = (n: number) => withWhen({ attr: 'n', op: 'gt', value: n });
    assert.deepEqual(codes(gt(Number.MAX_SAFE_INTEGER)), []);
    assert.deepEqual(codes(gt(-Number.MAX_SAFE_INTEGER)), []);
    assert.deepEqual(codes(gt(2 ** 53)), ['NUMBER_OUT_OF_RANGE']);
    assert.deepEqual(codes(withWhen({ attr: 'n', op: 'in', value: [1, -(2 ** 53)] })), ['NUMBER_OUT_OF_RANGE']);
  });

  it('accepts 100 variants and refuses 101', () => {
    const variants = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [i === 0 ? 'off' : `v${i}`, i]));
    assert.deepEqual(codes({ ...base, variants: variants(100), defaultVariant: 'off' }), []);
    assert.deepEqual(codes({ ...base, variants: variants(101), defaultVariant: 'off' }), ['TOO_MANY_VARIANTS']);
  });

  it('accepts keys of 128 characters and refuses 129', () => {
    assert.deepEqual(codes({ ...base, key: 'k'.repeat(128) }), []);
    assert.deepEqual(codes({ ...base, key: 'k'.repeat(129) }), ['INVALID_VALUE']);
  });
});

describe('context limits', () => {
  const attributes = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`a${i}`, i]));

  it('accepts 100 attributes and refuses 101', () => {
    assert.deepEqual(checkContext(attributes(100)), []);
    assert.deepEqual(checkContext(attributes(101)).map((i) => i.code), ['LIST_TOO_LONG']);
  });

  it('accepts a 1 KiB string value and refuses one byte more, wherever it is nested', () => {
    assert.deepEqual(checkContext({ s: 'x'.repeat(1024) }), []);
    assert.deepEqual(checkContext({ geo: { city: ['ok', 'x'.repeat(1025)] } }).map((i) => i.path), ['/geo/city/1']);
  });

  it('measures strings in UTF-8 bytes', () => {
    assert.deepEqual(checkContext({ s: 'ü'.repeat(512) }), []);
    assert.equal(checkContext({ s: 'ü'.repeat(513) }).length, 1);
  });

  it('refuses a context that is not a JSON object', () => {
    for (const context of [null, [], 'user', 7]) assert.deepEqual(checkContext(context).map((i) => i.code), ['INVALID_TYPE']);
  });
});
