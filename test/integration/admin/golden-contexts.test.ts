// Golden-test contexts obey the limits of an evaluation context (100 attributes, strings of
// 1 KiB), at the limit and one past it, refused with 422 at the exact path of the value.

import assert from 'node:assert/strict';
import { LIMITS } from '../../../shared/rules/index.ts';
import { flagPath, serveAdmin, type AdminServer } from './fixture.ts';

const aFlag = (key: string, context: Record<string, unknown>) => ({
  key, enabled: true, variants: { on: true, off: false }, offVariant: 'off', defaultVariant: 'off',
  tests: [{ name: 'fits', context: { targetingKey: 'u1' }, expect: { variant: 'off' } }, { name: 'probe', context, expect: { variant: 'off' } }],
});
const attributes = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [i === 0 ? 'targetingKey' : `a${i}`, 'x']));

describe('admin: golden-test contexts obey the context limits', () => {
  let server: AdminServer;
  before(async () => {
    server = await serveAdmin();
  });
  after(() => server.close());

  const cases: [string, Record<string, unknown>, string | undefined][] = [
    ['a string attribute of 1 KiB', { targetingKey: 'u', email: 'x'.repeat(LIMITS.attributeStringBytes) }, undefined],
    ['a string attribute one byte past 1 KiB', { targetingKey: 'u', email: 'x'.repeat(LIMITS.attributeStringBytes + 1) }, '/flag/tests/1/context/email'],
    ['a string of 64 KiB nested in an object', { targetingKey: 'u', profile: { bio: ['ok', 'y'.repeat(64 * 1024)] } }, '/flag/tests/1/context/profile/bio/1'],
    [`${LIMITS.contextAttributes} attributes`, attributes(LIMITS.contextAttributes), undefined],
    [`${LIMITS.contextAttributes + 1} attributes`, attributes(LIMITS.contextAttributes + 1), '/flag/tests/1/context'],
  ];
  cases.forEach(([name, context, path], i) => {
    it(`${path ? 'refuses' : 'accepts'} ${name}${path ? ` at ${path}` : ''}`, async () => {
      const key = `golden-${i}`;
      const res = await server.call('PUT', flagPath(key), { ifMatch: 0, body: { flag: aFlag(key, context) } });
      if (!path) return assert.equal(res.status, 201, await res.text());
      assert.equal(res.status, 422);
      const problem = (await res.json()) as { code: string; errors: { path: string }[] };
      assert.equal(problem.code, 'INVALID_FLAG');
      assert.deepEqual(problem.errors.map((e) => e.path), [path]);
    });
  });
});
