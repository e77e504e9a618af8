// One mapping of an evaluation to the wire (ofrep-mapping.ts): OFREP single, bulk and batch send
// the same decision and the same success body, batch less the key and all metadata but the rule.

import assert from 'node:assert/strict';
import { compileFlag, type CompiledFlag, type FlagInput } from '../../../shared/rules/index.ts';
import { answerFlag, batchMember, evaluateForOfrep, isFailure, successBody } from '../../../functions/evaluate/ofrep-mapping.ts';

const NOW = Date.parse('2026-11-23T12:00:00Z');
const NONE_INVALID: ReadonlyMap<string, string> = new Map();
const onOff = { enabled: true, variants: { on: true, off: false }, offVariant: 'off', defaultVariant: 'off' } as const;

function compiled(input: FlagInput): CompiledFlag {
  const result = compileFlag(input, { segments: {}, flags: {} });
  assert.ok(result.ok);
  return result.flag;
}

const flags = {
  match: compiled({ key: 'match', ...onOff, metadata: { team: 'growth' }, rules: [{ id: 'pros', when: { attr: 'plan', op: 'eq', value: 'pro' }, serve: { variant: 'on' } }] }),
  split: compiled({ key: 'split', ...onOff, rules: [{ id: 'half', serve: { rollout: { salt: 'split', split: [{ variant: 'on', weight: 50 }, { variant: 'off', weight: 50 }] } } }] }),
};

describe('the one wire mapping of OFREP single, bulk and batch', () => {
  for (const [name, flag] of Object.entries(flags)) {
    for (const context of [{ targetingKey: 'u-1', plan: 'pro' }, { targetingKey: 'u-2' }]) {
      for (const stale of [false, true]) {
        it(`${name} for ${JSON.stringify(context)}${stale ? ', stale' : ''}: the OFREP text is the success body, the batch member its projection`, () => {
          const answer = answerFlag(flag, NONE_INVALID, name, context, NOW);
          assert.ok(!isFailure(answer));
          const body = successBody(flag, answer, name, stale);
          const ofrep = evaluateForOfrep(flag, NONE_INVALID, name, context, NOW, undefined, stale);
          assert.ok(ofrep.ok);
          assert.deepEqual(JSON.parse(ofrep.json), body);
          const { key: _, metadata, ...rest } = body;
          assert.deepEqual(batchMember(flag, answer, name, stale), metadata.ruleId === undefined ? rest : { ...rest, ruleId: metadata.ruleId });
          assert.equal(rest.reason, stale ? 'STALE' : answer.reason);
        });
      }
    }
  }

  it('fails a split without a targetingKey as TARGETING_KEY_MISSING, for every route', () => {
    const answer = answerFlag(flags.split, NONE_INVALID, 'split', {}, NOW);
    assert.ok(isFailure(answer));
    assert.equal(answer.errorCode, 'TARGETING_KEY_MISSING');
    assert.deepEqual(batchMember(flags.split, answer, 'split', false), { errorCode: answer.errorCode, errorDetails: answer.errorDetails });
    const ofrep = evaluateForOfrep(flags.split, NONE_INVALID, 'split', {}, NOW);
    assert.deepEqual(ofrep, { ok: false, body: answer });
  });

  it('fails a stored flag that does not compile as PARSE_ERROR with its reason, and an absent one as FLAG_NOT_FOUND', () => {
    const invalid = answerFlag(undefined, new Map([['broken', 'the flag document is not valid']]), 'broken', {}, NOW);
    assert.deepEqual(invalid, { key: 'broken', errorCode: 'PARSE_ERROR', errorDetails: 'flag "broken" is stored but invalid: the flag document is not valid' });
    assert.deepEqual(answerFlag(undefined, NONE_INVALID, 'ghost', {}, NOW), { key: 'ghost', errorCode: 'FLAG_NOT_FOUND', errorDetails: 'flag "ghost" was not found' });
  });
});
