// Query parameters as classes of input: plain, repeated, bracketed (every shape Express's simple
// and extended parsers give), unknown; canonical integers for every numeric path or query value.

import assert from 'node:assert/strict';
import { canonicalInteger, queryParam, unknownQuery } from '../../../shared/http/query.ts';
import type { HttpRequest } from '../../../shared/http/types.ts';

const withQuery = (query: Record<string, unknown>) => ({ query }) as unknown as HttpRequest;

describe('query parameters', () => {
  const refused: [string, Record<string, unknown>][] = [
    ['repeated (extended and simple parsers)', { environment: ['a', 'b'] }],
    ['environment[]= (extended parser)', { environment: ['a'] }],
    ['environment[x]= (extended parser)', { environment: { x: 'a' } }],
    ['environment[]= (simple parser)', { 'environment[]': 'a' }],
    ['environment[x]= (simple parser)', { 'environment[x]': 'a' }],
    ['environment[]= beside environment=', { environment: 'a', 'environment[]': 'b' }],
    ['environment[][y]= (simple parser)', { 'environment[][y]': 'a' }],
  ];
  for (const [title, query] of refused) {
    it(`refuses ${title} with INVALID_QUERY at ?environment`, () => {
      const result = queryParam(withQuery(query), 'environment');
      assert.equal(result.ok, false);
      if (!result.ok) assert.deepEqual([result.problem.status, result.problem.code, result.problem.errors.map((e) => e.path)], [400, 'INVALID_QUERY', ['?environment']]);
    });
  }

  it('reads one plain value, and absence, and ignores other parameters', () => {
    assert.deepEqual(queryParam(withQuery({ environment: 'dev', kind: 'sdk' }), 'environment'), { ok: true, value: 'dev' });
    assert.deepEqual(queryParam(withQuery({ environments: 'x' }), 'environment'), { ok: true, value: undefined });
    assert.deepEqual(queryParam(withQuery({}), 'constructor'), { ok: true, value: undefined });
  });

  it('names the first parameter a route does not know, brackets stripped', () => {
    assert.equal(unknownQuery(withQuery({ environment: 'a', kind: 'sdk' }), ['environment', 'kind']), undefined);
    assert.deepEqual(unknownQuery(withQuery({ enviroment: 'a' }), ['environment', 'kind'])?.errors.map((e) => e.path), ['?enviroment']);
    assert.equal(unknownQuery(withQuery({ 'environment[]': 'a' }), ['environment']), undefined, 'a bracketed known name is left to queryParam');
    assert.equal(unknownQuery(withQuery({ x: '1' }), [])?.code, 'INVALID_QUERY');
  });

  for (const text of ['0', '1', '42', '999999999999999']) it(`canonicalInteger(${JSON.stringify(text)}) -> ${text}`, () => assert.equal(canonicalInteger(text), Number(text)));
  for (const text of ['1e0', '0x1', '1.0', '01', '+1', '-1', ' 1', '1 ', '', '0b1', '0o1', '1_000', 'Infinity', 'NaN', '１', '1000000000000000'])
    it(`canonicalInteger(${JSON.stringify(text)}) -> undefined`, () => assert.equal(canonicalInteger(text), undefined));
});
