// The work deadlines of the preview function, with a counting clock instead of time: each read of
// the clock is one unit, so "past the deadline" is exact. A request past it answers 422
// DEADLINE_EXCEEDED at the list it was working through, and evaluated no user past that point.

import assert from 'node:assert/strict';
import { createPreviewFunction } from '../../../functions/preview/app.ts';
import { demoDeps, serve, type Served } from '../framework-server.ts';

const FLAG = { key: 'deadline', enabled: true, variants: { on: true, off: false }, offVariant: 'off', defaultVariant: 'off', rules: [{ id: 'r', when: { attr: 'plan', op: 'eq', value: 'pro' }, serve: { variant: 'on' } }] };
const users = (n: number) => Array.from({ length: n }, (_, i) => ({ targetingKey: `u${i}`, plan: i % 2 ? 'pro' : 'free' }));

type Problem = { status: number; code: string; detail: string; errors: { path: string; code: string; message: string }[] };

describe('preview: work deadlines (counting clock)', () => {
  const DEADLINE = 5;
  let fn: Served;
  let reads = 0;
  before(async () => {
    fn = await serve('preview-deadlines', createPreviewFunction({ ...demoDeps(), workDeadlineMs: DEADLINE, workClock: () => reads++ }));
  });
  after(() => fn.close());
  beforeEach(() => {
    reads = 0;
  });

  const routes = [
    { path: '/v1/rules/preview', list: '/users', body: (n: number) => ({ flag: FLAG, users: users(n) }) },
    { path: '/v1/rules/rollout-estimate', list: '/sampleUsers', body: (n: number) => ({ flag: FLAG, audience: 1000, sampleUsers: users(n) }) },
  ];
  for (const route of routes) {
    it(`${route.path}: answers 422 DEADLINE_EXCEEDED once the deadline passes, having evaluated no user past it`, async () => {
      const res = await fn.post(route.path, route.body(50));
      assert.equal(res.status, 422);
      const problem = (await res.json()) as Problem;
      assert.equal(problem.code, 'DEADLINE_EXCEEDED');
      // One read starts the deadline, one before each user: the 5th user's check is the one past it.
      assert.deepEqual(problem.errors, [{ path: route.list, code: 'DEADLINE_EXCEEDED', message: `stopped at ${route.list}/${DEADLINE - 1}` }]);
      assert.equal(reads, DEADLINE + 1, 'no clock read, so no evaluation, after the deadline');
      assert.match(problem.detail, /fewer/);
    });

    it(`${route.path}: answers 200 when the work fits the deadline`, async () => {
      const res = await fn.post(route.path, route.body(DEADLINE - 2));
      assert.equal(res.status, 200, await res.text());
    });
  }

  describe('/v1/rules/analyze', () => {
    const rules = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `r${i}`, when: { attr: 'plan', op: 'eq', value: `p${i}` }, serve: { variant: i % 2 ? 'on' : 'off' } }));
    const flagOf = (n: number) => ({ ...FLAG, rules: rules(n) });

    it('answers 422 DEADLINE_EXCEEDED at the rule the analysis reached, asking no more of the clock', async () => {
      const res = await fn.post('/v1/rules/analyze', { flag: flagOf(20) });
      assert.equal(res.status, 422);
      const problem = (await res.json()) as Problem;
      assert.equal(problem.code, 'DEADLINE_EXCEEDED');
      // One read starts the deadline, one before each rule: the check before rule 4 is past it.
      assert.deepEqual(problem.errors, [{ path: '/flag/rules', code: 'DEADLINE_EXCEEDED', message: `stopped at /flag/rules/${DEADLINE - 1}` }]);
      assert.match(problem.detail, /after 4 of 20 rules/);
      assert.equal(reads, DEADLINE + 1);
    });

    it('answers 200 with the conflicts when the analysis fits the deadline', async () => {
      // Two passes (reachability, overlaps) ask before each rule: 1 rule is 2 reads after the start.
      const res = await fn.post('/v1/rules/analyze', { flag: flagOf(1) });
      assert.equal(res.status, 200, await res.text());
    });
  });
});
