// The preview function's other routes through the real Functions Framework: rollout estimates,
// analysis, performance, the attribute catalogue and the templates.

import assert from 'node:assert/strict';
import { createPreviewFunction } from '../../../functions/preview/app.ts';
import { TEMPLATES } from '../../../functions/preview/templates.ts';
import { catalogueOf, definitionsOf } from '../../../shared/authoring/catalogue.ts';
import { DEMO_ATTRIBUTES } from '../../../shared/store/demo/segments.ts';
import { validate } from '../../../shared/rules/index.ts';
import { demoDeps, serve, type Served } from '../framework-server.ts';

const onOff = { enabled: true, variants: { on: true, off: false }, offVariant: 'off', defaultVariant: 'off' };
const ramp = (weight: number) => ({ key: 'ramp', ...onOff, rules: [{ id: 'ramp', serve: { rollout: { split: [{ variant: 'on', weight }, { variant: 'off', weight: 100 - weight }] } } }] });

type Estimate = { method: string; ruleId?: string; sampleSize?: number; reach?: { ruleId: string | null; reason: string; share: number }[]; variants: { variant: string; share: number; expected: number; low: number; high: number }[] };

describe('preview: tools', () => {
  let fn: Served;
  before(async () => {
    fn = await serve('preview-tools', createPreviewFunction(demoDeps()));
  });
  after(() => fn.close());

  async function ok<T>(res: Promise<Response>): Promise<T> {
    const answer = await res;
    assert.equal(answer.status, 200, await answer.clone().text());
    return (await answer.json()) as T;
  }

  describe('POST /v1/rules/rollout-estimate', () => {
    it('gives n × p with the binomial 95% interval from the split weights', async () => {
      const out = await ok<Estimate>(fn.post('/v1/rules/rollout-estimate', { flag: ramp(30), audience: 10_000 }));
      assert.deepEqual([out.method, out.ruleId], ['split', 'ramp']);
      const on = out.variants.find((v) => v.variant === 'on')!;
      const half = 1.96 * Math.sqrt(10_000 * 0.3 * 0.7);
      assert.deepEqual(on, { variant: 'on', share: 0.3, expected: 3000, low: Math.round((3000 - half) * 100) / 100, high: Math.round((3000 + half) * 100) / 100 });
    });

    it('clamps the interval at zero for a tiny audience', async () => {
      const out = await ok<Estimate>(fn.post('/v1/rules/rollout-estimate', { flag: ramp(1), audience: 10 }));
      assert.equal(out.variants.find((v) => v.variant === 'on')!.low, 0);
    });

    it('combines the share that reaches each rule, estimated from sample users', async () => {
      const flag = { key: 'mixed', ...onOff, rules: [{ id: 'pros', when: { attr: 'plan', op: 'eq', value: 'pro' }, serve: { variant: 'on' } }, { id: 'half', serve: { rollout: { split: [{ variant: 'on', weight: 50 }, { variant: 'off', weight: 50 }] } } }] };
      const sampleUsers = Array.from({ length: 100 }, (_, i) => ({ targetingKey: `u${i}`, ...(i < 20 ? { plan: 'pro' } : {}) }));
      const out = await ok<Estimate>(fn.post('/v1/rules/rollout-estimate', { flag, audience: 1000, sampleUsers }));
      assert.deepEqual([out.method, out.sampleSize], ['sample', 100]);
      const on = out.variants.find((v) => v.variant === 'on')!;
      assert.equal(on.expected, 600);
      assert.ok(on.low < 600 - 1.96 * Math.sqrt(1000 * 0.6 * 0.4), 'the sample widens the interval');
      assert.deepEqual(out.reach!.map((r) => [r.ruleId, r.share]).sort(), [['half', 0.8], ['pros', 0.2]]);
      const half = await ok<Estimate>(fn.post('/v1/rules/rollout-estimate', { flag, audience: 1000, sampleUsers, ruleId: 'half' }));
      assert.equal(half.variants.find((v) => v.variant === 'on')!.expected, 400);
    });

    it('answers 400 for a flag without a rollout and no sample, or an unknown rule', async () => {
      const fixed = { key: 'fixed', ...onOff, rules: [{ id: 'r', when: { attr: 'plan', op: 'eq', value: 'pro' }, serve: { variant: 'on' } }] };
      for (const body of [{ flag: fixed, audience: 100 }, { flag: ramp(10), audience: 100, ruleId: 'nope' }, { flag: ramp(10), audience: 100, ruleId: 'nope', sampleUsers: [{}] }]) {
        const res = await fn.post('/v1/rules/rollout-estimate', body);
        assert.equal(res.status, 400);
        const problem = (await res.json()) as { errors: { path: string }[] };
        assert.equal(problem.errors[0]!.path, '/ruleId');
      }
    });

    it('estimates a stored flag, and answers 413 past 10,000 sample users', async () => {
      const out = await ok<Estimate>(fn.post('/v1/rules/rollout-estimate', { flagKey: 'new-checkout', audience: 500 }));
      assert.equal(out.ruleId, 'ramp');
      const res = await fn.post('/v1/rules/rollout-estimate', { flagKey: 'new-checkout', audience: 500, sampleUsers: Array.from({ length: 10_001 }, () => ({})) });
      assert.equal(res.status, 413);
    });
  });

  describe('POST /v1/rules/analyze', () => {
    it('reports complexity and explained conflicts', async () => {
      const when = { attr: 'plan', op: 'eq', value: 'pro' };
      const flag = { key: 'conflicted', ...onOff, rules: [{ id: 'a', when, serve: { variant: 'on' } }, { id: 'b', when, serve: { variant: 'off' } }] };
      const out = await ok<{ complexity: number; conflicts: { path: string; code: string; message: string }[] }>(fn.post('/v1/rules/analyze', { flag }));
      assert.ok(out.complexity > 1);
      assert.ok(out.conflicts.some((c) => c.path.startsWith('/rules/1') && c.message.length > 20), JSON.stringify(out.conflicts));
    });

    it('analyzes a stored flag', async () => {
      const out = await ok<{ flagKey: string; conflicts: unknown[] }>(fn.post('/v1/rules/analyze', { flagKey: 'new-checkout' }));
      assert.equal(out.flagKey, 'new-checkout');
    });
  });

  describe('POST /v1/rules/performance', () => {
    it('estimates from complexity and measures the flag over synthetic users', async () => {
      const out = await ok<{ complexity: number; estimatedNsPerEvaluation: number; measured: { evaluations: number; nsPerEvaluation: number; p99Ns: number; synthetic: boolean } }>(fn.post('/v1/rules/performance', { flagKey: 'new-checkout' }));
      assert.ok(out.complexity > 0 && out.estimatedNsPerEvaluation > 0);
      assert.equal(out.measured.synthetic, true);
      assert.ok(out.measured.evaluations > 0 && out.measured.nsPerEvaluation > 0 && out.measured.p99Ns > 0, JSON.stringify(out.measured));
    });

    it('measures over the users it is given, and refuses invalid ones', async () => {
      const out = await ok<{ measured: { users: number; synthetic: boolean } }>(fn.post('/v1/rules/performance', { flag: ramp(20), users: [{ targetingKey: 'a' }, { targetingKey: 'b' }] }));
      assert.deepEqual([out.measured.users, out.measured.synthetic], [2, false]);
      const res = await fn.post('/v1/rules/performance', { flag: ramp(20), users: ['nope'] });
      assert.equal(res.status, 400);
      assert.equal(((await res.json()) as { code: string }).code, 'INVALID_CONTEXT');
      const many = await fn.post('/v1/rules/performance', { flag: ramp(20), users: Array.from({ length: 1001 }, () => ({})) });
      assert.equal(many.status, 413);
    });
  });

  describe('GET /v1/attributes', () => {
    it('lists stored and derived attributes, each with its source', async () => {
      const out = await ok<{ environment: string; attributes: { name: string; type: string; description?: string; source: string }[] }>(fn.get('/v1/attributes'));
      const byName = new Map(out.attributes.map((a) => [a.name, a]));
      assert.equal(byName.get('plan')?.source, 'stored');
      assert.equal(byName.get('geo.country')?.source, 'derived');
      assert.equal(byName.get('device.type')?.type, 'string');
      assert.ok(out.attributes.every((a) => a.type && a.description));
    });

    it('names the value domain of the derived attributes that have one, for the console to check values with', async () => {
      const out = await ok<{ attributes: { name: string; domain?: string }[] }>(fn.get('/v1/attributes'));
      const domains = Object.fromEntries(out.attributes.filter((a) => a.domain !== undefined).map((a) => [a.name, a.domain]));
      assert.deepEqual(domains, { 'browser.name': 'browser', 'device.type': 'device-type', 'geo.country': 'country', 'geo.region': 'region', 'os.name': 'os' });
    });
  });

  describe('GET /v1/rules/templates', () => {
    it('offers the starter set, each with a title and a description', async () => {
      const out = await ok<{ templates: { id: string; title: string; description: string; flag: unknown }[] }>(fn.get('/v1/rules/templates'));
      const ids = out.templates.map((t) => t.id);
      for (const id of ['percentage-rollout', 'internal-users', 'beta-countries', 'mobile-only', 'business-hours', 'new-users']) assert.ok(ids.includes(id), id);
      assert.ok(out.templates.every((t) => t.title.length > 0 && t.description.length > 0));
    });

    for (const template of TEMPLATES) {
      it(`template ${template.id} validates with no errors against the demo catalogue`, () => {
        const result = validate(template.flag, { catalogue: definitionsOf(catalogueOf(DEMO_ATTRIBUTES)) });
        assert.deepEqual(result.errors, []);
        assert.deepEqual(result.warnings.filter((w) => w.code === 'UNKNOWN_ATTRIBUTE'), []);
      });
    }
  });
});
