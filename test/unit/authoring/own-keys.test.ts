// Keys users choose (flags, segments, variants, rules) that are also names on Object.prototype
// are looked up as own keys everywhere: a flag named `constructor` that does not exist is 404, a
// variant named `toString` counts from 0.

import assert from 'node:assert/strict';
import { referencesOf } from '../../../shared/authoring/references.ts';
import { resolveFlag } from '../../../functions/preview/flag-source.ts';
import { syntheticUsers } from '../../../functions/preview/synthetic-users.ts';
import { sampleRatioCheck } from '../../../shared/aggregate/srm.ts';
import { weightsIn } from '../../../shared/aggregate/experiment-weights.ts';
import { summarizeUsage } from '../../../shared/aggregate/usage.ts';
import { addFlagMinute, type FlagMinute } from '../../../shared/aggregate/rollup-store.ts';
import { diffJson } from '../../../shared/store/diff.ts';
import type { Flag } from '../../../shared/rules/index.ts';

const PROTOTYPE_NAMES = ['constructor', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString', '__proto__', '__defineGetter__'];

const flag = (key: string, variants: string[] = ['on', 'off']): Flag => ({
  key, enabled: true, variants: Object.fromEntries(variants.map((v, i) => [v, i === 0])), offVariant: variants[1]!, defaultVariant: variants[1]!,
  rules: [{ id: 'r', when: { segment: 'staff' }, serve: { rollout: { by: 'targetingKey', split: [{ variant: variants[0]!, weight: 50 }, { variant: variants[1]!, weight: 50 }], algorithm: 1, whenUnitMissing: 'no_match', experiment: { id: 'e' } } } }],
});
const snapshot = { environment: 'dev', version: 1, flags: [flag('real')], segments: [{ key: 'staff', when: { attr: 'plan', op: 'eq' as const, value: 'pro' } }], corrupt: [] };

describe('own-key lookups of user-chosen names', () => {
  for (const name of PROTOTYPE_NAMES) {
    it(`preview of flagKey "${name}" that does not exist -> FLAG_NOT_FOUND`, () => {
      const resolved = resolveFlag({ flagKey: name }, snapshot);
      assert.equal(resolved.ok, false);
      if (!resolved.ok) assert.equal(resolved.problem.code, 'FLAG_NOT_FOUND');
    });

    it(`references, synthetic users and diffs treat "${name}" as a plain key`, () => {
      const refs = referencesOf(snapshot);
      assert.equal(Object.hasOwn(refs.flags, name), false);
      assert.equal(Object.getPrototypeOf(refs.flags), Object.prototype);
      const users = syntheticUsers({ ...flag('f'), rules: [{ id: 'r', when: { segment: name }, serve: { variant: 'on' } }] }, refs.segments, 2);
      assert.deepEqual(users.map((u) => Object.keys(u)), [['targetingKey'], ['targetingKey']]);
      assert.deepEqual(diffJson({}, JSON.parse(`{"${name}": 1}`)), [{ path: `/${name}`, after: 1 }]);
      assert.deepEqual(diffJson(JSON.parse(`{"${name}": 1}`), {}), [{ path: `/${name}`, before: 1 }]);
    });

    it(`aggregation counts a variant or rule named "${name}" from 0`, () => {
      if (name === '__proto__') return; // not a valid key (the key pattern refuses it), so never counted
      const weights = weightsIn([flag('f', [name, 'off'])], 'e');
      assert.deepEqual(weights && Object.entries(weights), [[name, 50], ['off', 50]]);
      const srm = sampleRatioCheck(Object.fromEntries([[name, 500], ['off', 500]]), weights!);
      assert.equal(srm?.mismatch, false);
      const minute: FlagMinute = { environment: 'dev', flag: 'f', minute: 0, evaluations: 2, errors: 0, variants: Object.fromEntries([[name, 2]]), reasons: { SPLIT: 2 }, rules: Object.fromEntries([[name, 2]]) };
      const sum = addFlagMinute(addFlagMinute(undefined, minute), minute);
      assert.equal(sum.variants[name], 4);
      const usage = summarizeUsage([minute, minute], 0, 60_000);
      assert.equal(usage.variants[name], 4);
      assert.deepEqual(usage.rules[name], { matches: 4, matchRate: 1 });
    });
  }
});
