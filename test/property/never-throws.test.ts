// evaluate never throws: on any JSON context (prototype-named keys, deep nesting, huge strings)
// it returns a well-formed Evaluation, and on a context that is not an object, INVALID_CONTEXT.

import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  compileFlag, ERROR_CODES, evaluate, interpret, OPERATORS, REASONS, BUCKETS,
  type CompiledFlag, type Evaluation, type Flag, type FlagInput, type Segment,
} from '../../shared/rules/index.ts';
import { ATTRIBUTES, check, clauseFor, NOWS, scenario, SEED } from '../helpers/arbitraries.ts';

type Subject = { doc: FlagInput; flag: CompiledFlag; segments: Readonly<Record<string, Segment>>; flags: Readonly<Record<string, Flag>> };

const NOW = NOWS[2]!;

/** One flag with a rule per operator, each clause on a vocabulary attribute, then a split. */
function everyOperatorFlag(): FlagInput {
  const clauses = OPERATORS.map((op) => fc.sample(clauseFor(op, NOW), { numRuns: 1, seed: SEED })[0]!);
  return {
    key: 'every-operator',
    enabled: true,
    variants: { on: true, off: false, json: { nested: [1, 'two', null] } },
    offVariant: 'off',
    defaultVariant: 'off',
    privateAttributes: ['email'],
    rules: [
      ...clauses.map((when, i) => ({ id: `op-${i}`, when: { not: when }, serve: { variant: i % 2 === 0 ? 'on' : 'json' } })),
      { id: 'split', serve: { rollout: { by: 'user.id', split: [{ variant: 'on', weight: 50 }, { variant: 'json', weight: 50 }] } } },
    ],
  };
}

function subjects(): Subject[] {
  const generated = fc.sample(scenario(), { numRuns: 40, seed: SEED }).map((s) => ({ doc: s.flag, segments: s.segments, flags: s.flags }));
  return [{ doc: everyOperatorFlag(), segments: {}, flags: {} }, ...generated].map((s) => {
    const compiled = compileFlag(s.doc, { segments: s.segments, flags: s.flags });
    if (!compiled.ok) assert.fail(JSON.stringify(compiled.errors));
    return { ...s, flag: compiled.flag };
  });
}

/** A well-formed Evaluation of `doc`: its reason's fields, a variant of the flag and that variant's value. */
function assertEvaluation(e: Evaluation, doc: FlagInput): void {
  assert.ok(REASONS.includes(e.reason), `reason ${e.reason}`);
  assert.equal(e.flagKey, doc.key);
  if (e.reason === 'ERROR') {
    assert.ok(ERROR_CODES.includes(e.errorCode), `errorCode ${e.errorCode}`);
    assert.equal(typeof e.errorMessage, 'string');
    return;
  }
  assert.ok(Object.hasOwn(doc.variants, e.variant), `variant ${e.variant}`);
  assert.deepEqual(e.value, doc.variants[e.variant]);
  if (e.reason === 'TARGETING_MATCH' || e.reason === 'SPLIT') assert.ok(doc.rules?.some((r) => r.id === e.ruleId), `ruleId ${e.ruleId}`);
  if (e.reason === 'SPLIT') assert.ok(Number.isInteger(e.bucket) && e.bucket >= 0 && e.bucket < BUCKETS, `bucket ${e.bucket}`);
  if (e.reason === 'DISABLED') assert.ok(['KILL_SWITCH', 'SCHEDULE', 'PREREQUISITE'].includes(e.cause));
}

/** Evaluates every subject (traced and not) and a few through the interpreter; all must be well-formed. */
function evaluateAll(all: readonly Subject[], context: unknown, now: number = NOW): Evaluation[] {
  const results: Evaluation[] = [];
  for (const [i, s] of all.entries()) {
    for (const trace of [false, true]) {
      let e: Evaluation;
      try {
        e = evaluate(s.flag, context, { now, trace });
      } catch (error) {
        assert.fail(`evaluate threw ${String(error)} on flag ${i}`);
      }
      assertEvaluation(e, s.doc);
      if (trace && e.reason !== 'ERROR') assert.ok(Array.isArray(e.trace));
      results.push(e);
    }
    if (i < 3) {
      let e: Evaluation;
      try {
        e = interpret(s.doc, context, { now, segments: s.segments, flags: s.flags });
      } catch (error) {
        assert.fail(`interpret threw ${String(error)} on flag ${i}`);
      }
      assertEvaluation(e, s.doc);
    }
  }
  return results;
}

const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__'];

/** Keys that the flags read, prototype names, and anything else. */
const key = fc.oneof(
  { arbitrary: fc.constantFrom(...ATTRIBUTES, 'user', 'geo'), weight: 6 },
  { arbitrary: fc.constantFrom(...PROTOTYPE_KEYS), weight: 2 },
  { arbitrary: fc.string(), weight: 1 },
);

/** JSON objects whose keys the flags read, built through JSON.parse so "__proto__" is an own key. */
const jsonContext = fc
  .dictionary(key, fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.dictionary(key, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 })), { maxKeys: 10 })
  .map((c) => JSON.parse(JSON.stringify(c)) as unknown);

/** The served variant, or undefined for an error. */
const variantOf = (e: Evaluation): string | undefined => ('variant' in e ? e.variant : undefined);

function nested(depth: number, leaf: string): string {
  return '{"geo":'.repeat(depth) + leaf + '}'.repeat(depth);
}

describe('evaluate never throws (property)', () => {
  let all: Subject[];
  before(() => {
    all = subjects();
  });

  it(`returns a well-formed Evaluation on any JSON object context (seed ${SEED})`, function () {
    this.timeout(60_000);
    check(fc.property(jsonContext, (context) => void evaluateAll(all, context)), 300);
  });

  it('returns a well-formed Evaluation on any JSON value at every attribute the flags read', function () {
    this.timeout(60_000);
    const value = fc.jsonValue({ maxDepth: 4 });
    const context = fc.record(Object.fromEntries([...ATTRIBUTES, 'user'].map((a) => [a, value])), { requiredKeys: [] });
    check(fc.property(context, (c) => void evaluateAll(all, c)), 300);
  });

  it('reports INVALID_CONTEXT for a context that is not a JSON object', () => {
    check(
      fc.property(fc.oneof(fc.jsonValue().filter((v) => typeof v !== 'object' || v === null || Array.isArray(v)), fc.constant(undefined), fc.array(fc.object())), (context) => {
        for (const e of evaluateAll(all, context)) {
          assert.equal(e.reason, 'ERROR');
          assert.equal(e.reason === 'ERROR' && e.errorCode, 'INVALID_CONTEXT');
        }
      }),
      100,
    );
  });

  it('reads only own keys: __proto__, constructor and friends never reach the prototype', () => {
    const contexts = [
      JSON.parse('{"__proto__": {"country": "DE", "plan": "pro", "targetingKey": "u1"}}'),
      JSON.parse('{"geo": {"__proto__": {"country": "DE"}}, "user": {"constructor": {"id": 1}}}'),
      JSON.parse('{"constructor": {"prototype": {"country": "DE"}}, "toString": "x", "valueOf": 1, "hasOwnProperty": null}'),
      Object.create({ country: 'DE', plan: 'pro', targetingKey: 'inherited' }) as object,
      Object.create(null) as object,
    ];
    for (const c of contexts) evaluateAll(all, c);
    const probe = compileFlag({ key: 'p', enabled: true, variants: { y: true, n: false }, offVariant: 'n', defaultVariant: 'n', rules: [
      { id: 'r', when: { any: [{ attr: 'country', op: 'exists' }, { attr: 'constructor', op: 'exists' }, { attr: 'toString', op: 'exists' }, { attr: 'geo.constructor', op: 'exists' }] }, serve: { variant: 'y' } },
    ] });
    assert.ok(probe.ok);
    assert.equal(variantOf(evaluate(probe.flag, contexts[3]!, { now: NOW })), 'n', 'inherited attributes are not read');
    assert.equal(variantOf(evaluate(probe.flag, { geo: {} }, { now: NOW })), 'n', 'Object.prototype is not read');
  });

  it('copes with deep nesting and huge strings', function () {
    this.timeout(30_000);
    // 40,000 times the 1 KiB attribute limit the HTTP edge enforces.
    const huge = 'é😀a'.repeat(40_000);
    const contexts = [
      JSON.parse(nested(10_000, '"DE"')),
      { geo: JSON.parse(nested(5_000, '{"lat": 1, "lon": 2}')), user: { id: JSON.parse('['.repeat(5_000) + ']'.repeat(5_000)) } },
      Object.fromEntries([...ATTRIBUTES, 'user'].map((a) => [a, huge])),
      { tags: Array.from({ length: 20_000 }, (_, i) => `t${i}`), targetingKey: huge },
      { email: huge, appVersion: `1.2.3-${huge}`, signup: `2026-03-29T01:30:00${huge}Z` },
    ];
    for (const c of contexts) evaluateAll(all, c);
  });

  it('reports an error rather than throw for a bad now or a context whose reads throw', () => {
    for (const now of [Number.NaN, Number.POSITIVE_INFINITY]) {
      for (const e of evaluateAll(all, { country: 'DE' }, now)) assert.equal(e.reason === 'ERROR' && e.errorCode, 'GENERAL');
    }
    const hostile = new Proxy({}, { getOwnPropertyDescriptor: () => { throw new Error('no reading'); }, get: () => { throw new Error('no reading'); } });
    evaluateAll(all, hostile);
    evaluateAll(all, { get country() { throw new Error('getter'); }, targetingKey: 'u1' });
  });
});
