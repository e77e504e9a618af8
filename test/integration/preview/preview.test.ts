// POST /v1/rules/preview through the real Functions Framework: drafts and stored flags against
// test users, per-user results and traces, the distribution summary, and the limits.

import assert from 'node:assert/strict';
import { createPreviewFunction } from '../../../functions/preview/app.ts';
import { demoDeps, serve, type Served } from '../framework-server.ts';

const onOff = { enabled: true, variants: { on: true, off: false }, offVariant: 'off', defaultVariant: 'off' };

type Result = { index: number; reason: string; variant?: string; value?: unknown; ruleId?: string; bucket?: number; errorCode?: string; errors?: unknown[]; trace?: { kind: string; clauses?: { attr?: string; seen?: unknown }[]; unit?: string }[] };
type Preview = { flagKey: string; environment: string; now: string; summary: { users: number; variants: { variant: string; count: number; share: number }[]; reasons: { reason: string; count: number }[]; rules: { ruleId: string; count: number }[] }; results: Result[] };

describe('preview: POST /v1/rules/preview', () => {
  let fn: Served;
  before(async () => {
    fn = await serve('preview-users', createPreviewFunction(demoDeps()));
  });
  after(() => fn.close());

  async function preview(body: unknown): Promise<Preview> {
    const res = await fn.post('/v1/rules/preview', body);
    assert.equal(res.status, 200, await res.clone().text());
    return (await res.json()) as Preview;
  }

  it('previews a stored flag for each user, with its trace by default', async () => {
    const out = await preview({ flagKey: 'new-checkout', users: [{ targetingKey: 'u1', plan: 'pro', geo: { country: 'DE' } }, { targetingKey: 'u2' }] });
    assert.equal(out.flagKey, 'new-checkout');
    assert.deepEqual(out.results.map((r) => [r.index, r.reason, r.variant, r.ruleId]), [[0, 'TARGETING_MATCH', 'on', 'eu-pros'], [1, 'DEFAULT', 'off', undefined]]);
    assert.ok(out.results.every((r) => Array.isArray(r.trace) && r.trace.length > 0));
  });

  it('leaves traces out when trace is false', async () => {
    const out = await preview({ flagKey: 'new-checkout', users: [{ targetingKey: 'u1' }], trace: false });
    assert.equal(out.results[0]!.trace, undefined);
  });

  it('evaluates at the given now, and at the server clock without one', async () => {
    const flag = { key: 'sched', ...onOff, rules: [{ id: 'later', when: { attr: 'time.iso', op: 'after', value: '2030-01-01T00:00:00Z' }, serve: { variant: 'on' } }] };
    const at = await preview({ flag, users: [{ targetingKey: 'u' }], now: '2031-01-01T00:00:00+01:00' });
    assert.deepEqual([at.now, at.results[0]!.variant], ['2030-12-31T23:00:00.000Z', 'on']);
    const clock = await preview({ flag, users: [{ targetingKey: 'u' }] });
    assert.deepEqual([clock.now, clock.results[0]!.variant], ['2026-03-10T12:00:00.000Z', 'off']);
  });

  it('summarises the distribution by variant, reason and rule', async () => {
    const flag = { key: 'split', ...onOff, rules: [{ id: 'pros', when: { attr: 'plan', op: 'eq', value: 'pro' }, serve: { variant: 'on' } }, { id: 'half', serve: { rollout: { split: [{ variant: 'on', weight: 50 }, { variant: 'off', weight: 50 }] } } }] };
    const users = Array.from({ length: 2000 }, (_, i) => ({ targetingKey: `user-${i}`, ...(i < 500 ? { plan: 'pro' } : {}) }));
    const out = await preview({ flag, users, trace: false });
    assert.equal(out.summary.users, 2000);
    assert.deepEqual(out.summary.rules.map((r) => r.ruleId), ['pros', 'half']);
    assert.equal(out.summary.rules[0]!.count, 500);
    assert.equal(out.summary.rules[1]!.count, 1500);
    const on = out.summary.variants.find((v) => v.variant === 'on')!;
    assert.ok(on.count > 500 + 650 && on.count < 500 + 850, `on: ${on.count}`);
    assert.equal(out.summary.variants.reduce((n, v) => n + v.count, 0), 2000);
    assert.deepEqual(Object.fromEntries(out.summary.reasons.map((r) => [r.reason, r.count])), { TARGETING_MATCH: 500, SPLIT: 1500 });
    assert.ok(out.results.filter((r) => r.reason === 'SPLIT').every((r) => typeof r.bucket === 'number'));
  });

  it('redacts private attributes in traces, and what lies under them', async () => {
    const flag = {
      key: 'private', ...onOff, privateAttributes: ['email', 'geo', 'accountId'],
      rules: [
        { id: 'staff', when: { attr: 'email', op: 'ends_with', value: '@acme.com' }, serve: { variant: 'on' } },
        { id: 'city', when: { attr: 'geo.city', op: 'eq', value: 'Berlin' }, serve: { variant: 'on' } },
        { id: 'ramp', serve: { rollout: { by: 'accountId', split: [{ variant: 'on', weight: 10 }, { variant: 'off', weight: 90 }] } } },
      ],
    };
    const out = await preview({ flag, users: [{ targetingKey: 'u', email: 'jo@example.com', geo: { city: 'Paris' }, accountId: 'acct-9' }] });
    const text = JSON.stringify(out.results[0]!.trace);
    assert.ok(!text.includes('jo@example.com') && !text.includes('Paris') && !text.includes('acct-9'), text);
    assert.ok(text.includes('[redacted]'));
  });

  it('answers a user whose context is not valid with an INVALID_CONTEXT result, not a failed request', async () => {
    const out = await preview({ flagKey: 'new-checkout', users: [{ targetingKey: 'ok' }, 'not a context', { note: 'x'.repeat(2000) }] });
    assert.deepEqual(out.results.map((r) => r.errorCode ?? r.reason), ['DEFAULT', 'INVALID_CONTEXT', 'INVALID_CONTEXT']);
    assert.ok(Array.isArray(out.results[2]!.errors));
    assert.deepEqual(out.summary.reasons.find((r) => r.reason === 'ERROR')?.count, 2);
  });

  it('compiles a draft against draft segments and flags laid over the environment', async () => {
    const flag = { key: 'uses-draft', ...onOff, rules: [{ id: 'vip', when: { segment: 'vips' }, serve: { variant: 'on' } }] };
    const out = await preview({ flag, segments: [{ key: 'vips', when: { attr: 'plan', op: 'eq', value: 'enterprise' } }], users: [{ plan: 'enterprise' }, { plan: 'free' }] });
    assert.deepEqual(out.results.map((r) => r.variant), ['on', 'off']);
  });

  it('answers 422 INVALID_FLAG for a draft that does not compile, with paths into the request', async () => {
    const res = await fn.post('/v1/rules/preview', { flag: { key: 'bad', ...onOff, rules: [{ id: 'r', when: { segment: 'nope' }, serve: { variant: 'maybe' } }] }, users: [{}] });
    assert.equal(res.status, 422);
    const problem = (await res.json()) as { code: string; errors: { path: string; code: string }[] };
    assert.equal(problem.code, 'INVALID_FLAG');
    assert.deepEqual(problem.errors.map((e) => [e.path, e.code]).sort(), [['/flag/rules/0/serve/variant', 'UNKNOWN_VARIANT'], ['/flag/rules/0/when/segment', 'UNKNOWN_SEGMENT']]);
  });

  it('answers 404 FLAG_NOT_FOUND for an unknown stored flag', async () => {
    const res = await fn.post('/v1/rules/preview', { flagKey: 'no-such-flag', users: [{}] });
    assert.equal(res.status, 404);
    assert.equal(((await res.json()) as { code: string }).code, 'FLAG_NOT_FOUND');
  });

  it('previews 10,000 users and answers 413 TOO_MANY_ITEMS for 10,001', async () => {
    const users = (n: number) => Array.from({ length: n }, (_, i) => ({ targetingKey: `u${i}` }));
    const out = await preview({ flagKey: 'dark-mode', users: users(10_000), trace: false });
    assert.equal(out.results.length, 10_000);
    const res = await fn.post('/v1/rules/preview', { flagKey: 'dark-mode', users: users(10_001), trace: false });
    assert.equal(res.status, 413);
    assert.equal(((await res.json()) as { code: string }).code, 'TOO_MANY_ITEMS');
  });

  it('answers 400 for a body naming both a draft and a stored flag, or a now without an offset', async () => {
    for (const body of [{ flagKey: 'dark-mode', flag: { key: 'x' }, users: [{}] }, { flagKey: 'dark-mode', users: [{}], now: '2026-03-10T12:00:00' }, { flagKey: 'dark-mode' }]) {
      const res = await fn.post('/v1/rules/preview', body);
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.equal(((await res.json()) as { code: string }).code, 'INVALID_BODY');
    }
  });
});
