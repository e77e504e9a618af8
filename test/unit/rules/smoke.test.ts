import assert from 'node:assert/strict';
import { compileFlag, evaluate } from '../../../shared/rules/index.ts';

describe('smoke', () => {
  it('serves the default variant', () => {
    const c = compileFlag({ key: 'f', enabled: true, variants: { a: 1 }, offVariant: 'a', defaultVariant: 'a' });
    assert.ok(c.ok);
    assert.equal(evaluate(c.flag, {}, { now: 0 }).reason, 'STATIC');
  });
});
