// The validate function's work deadline, with a counting clock instead of time: the analysis
// behind a flag's warnings asks the deadline before each rule, and a request past it answers 422
// DEADLINE_EXCEEDED at the rules of the submitted document instead of an incomplete report.

import assert from 'node:assert/strict';
import { createValidateFunction } from '../../../functions/validate/app.ts';
import { demoDeps, serve, type Served } from '../framework-server.ts';

const rules = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `r${i}`, when: { attr: 'plan', op: 'eq', value: `p${i}` }, serve: { variant: i % 2 ? 'on' : 'off' } }));
const flagOf = (n: number) => ({ key: 'deadline', enabled: true, variants: { on: true, off: false }, offVariant: 'off', defaultVariant: 'off', rules: rules(n) });

type Problem = { status: number; code: string; detail: string; errors: { path: string; code: string; message: string }[] };

describe('validate: work deadline (counting clock)', () => {
  const DEADLINE = 5;
  let fn: Served;
  let reads = 0;
  before(async () => {
    fn = await serve('validate-deadline', createValidateFunction({ ...demoDeps(), workDeadlineMs: DEADLINE, workClock: () => reads++ }));
  });
  after(() => fn.close());
  beforeEach(() => {
    reads = 0;
  });

  it('answers 422 DEADLINE_EXCEEDED at the rule the analysis reached', async () => {
    const res = await fn.post('/v1/rules/validate', { flag: flagOf(20) });
    assert.equal(res.status, 422);
    const problem = (await res.json()) as Problem;
    assert.equal(problem.code, 'DEADLINE_EXCEEDED');
    assert.deepEqual(problem.errors, [{ path: '/flag/rules', code: 'DEADLINE_EXCEEDED', message: `stopped at /flag/rules/${DEADLINE - 1}` }]);
    assert.match(problem.detail, /after 4 of 20 rules/);
    assert.equal(reads, DEADLINE + 1, 'no clock read, so no analysis, after the deadline');
  });

  it('answers the full report when the analysis fits the deadline', async () => {
    const res = await fn.post('/v1/rules/validate', { flag: flagOf(1) });
    assert.equal(res.status, 200, await res.clone().text());
    assert.equal(((await res.json()) as { valid: boolean }).valid, true);
  });

  it('never stops a segment or a bare condition, whose check runs no analysis of rules', async () => {
    const res = await fn.post('/v1/rules/validate', { condition: { all: Array.from({ length: 20 }, (_, i) => ({ attr: 'plan', op: 'eq', value: `p${i}` })) } });
    assert.equal(res.status, 200, await res.text());
  });
});
