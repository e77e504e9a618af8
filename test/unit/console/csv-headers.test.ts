// CSV headers are attribute paths; none can reach Object.prototype. Headers naming `__proto__`
// anywhere are refused with the column named; other prototype names are ordinary attributes.

import assert from 'node:assert/strict';
import { parseUsers, usersFromCsv } from '../../../functions/console/web/logic/csv-users.ts';

const polluted = () => Object.keys(Object.prototype).length > 0 || ({} as Record<string, unknown>).x !== undefined || ({} as Record<string, unknown>).polluted !== undefined;

describe('console CSV headers', () => {
  afterEach(() => assert.equal(polluted(), false, 'Object.prototype was changed'));

  for (const header of ['__proto__.x', '__proto__', 'a.__proto__.x', 'geo.__proto__', '__proto__.__proto__.polluted', ' __proto__.x ']) {
    it(`refuses the header ${JSON.stringify(header)} with a message naming it, and pollutes nothing`, () => {
      const parsed = usersFromCsv(`targetingKey,${header}\nu1,1\n`);
      assert.deepEqual(parsed.users, []);
      assert.equal(parsed.errors.length, 1);
      assert.match(parsed.errors[0]!, /__proto__/);
      assert.match(parsed.errors[0]!, new RegExp(`column "${header.trim().replaceAll('.', '\\.')}"`));
      assert.equal(parseUsers(`targetingKey,${header}\nu1,1`).users.length, 0);
    });
  }

  for (const header of ['constructor', 'constructor.name', 'toString.x', 'hasOwnProperty', 'prototype.x', 'valueOf.a.b']) {
    it(`keeps ${JSON.stringify(header)} as an ordinary attribute path`, () => {
      const { users, errors } = usersFromCsv(`targetingKey,${header}\nu1,7\n`);
      assert.deepEqual(errors, []);
      const expected: Record<string, unknown> = { targetingKey: 'u1' };
      const parts = header.split('.');
      let node = expected;
      parts.slice(0, -1).forEach((p) => { Object.defineProperty(node, p, { value: {}, enumerable: true, writable: true, configurable: true }); node = node[p] as Record<string, unknown>; });
      node[parts.at(-1)!] = 7;
      assert.deepEqual(users, [expected]);
      assert.equal(Object.getPrototypeOf(users[0]), Object.prototype);
    });
  }

  it('refuses a header with an empty path part', () => {
    assert.match(usersFromCsv('a..b\n1').errors[0]!, /empty parts/);
  });
});
