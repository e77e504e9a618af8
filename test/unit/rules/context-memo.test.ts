// The compiled runner remembers the context it last found plain only for the synchronous burst of
// evaluations that brought it (the flags of one request): after the next microtask, the same
// object is checked again, so no context outlives its evaluation and a changed object is seen as
// it now is.

import assert from 'node:assert/strict';
import { compileFlag, evaluate, type Context } from '../../../shared/rules/index.ts';

const flag = compileFlag({ key: 'f', enabled: true, variants: { on: true, off: false }, offVariant: 'off', defaultVariant: 'off', rules: [{ id: 'pro', when: { attr: 'plan', op: 'eq', value: 'pro' }, serve: { variant: 'on' } }] }, { segments: {}, flags: {} });

/** The variant served, or the reason when none was. */
const served = (context: Context) => {
  assert.ok(flag.ok);
  const result = evaluate(flag.flag, context, { now: 0 });
  return 'variant' in result ? result.variant : result.reason;
};

describe('context memo of the compiled runner', () => {
  it('checks a context again once the burst that found it plain is over', async () => {
    assert.ok(flag.ok);
    const context: Record<string, unknown> = { targetingKey: 'u1' };
    assert.equal(served(context), 'off');
    await Promise.resolve();
    // Inherited attributes are never read: a context with a prototype is read through a copy of its own members.
    Object.setPrototypeOf(context, { plan: 'pro' });
    assert.equal(served(context), 'off');
    Object.setPrototypeOf(context, Object.prototype);
    context.plan = 'pro';
    assert.equal(served(context), 'on');
  });
});
