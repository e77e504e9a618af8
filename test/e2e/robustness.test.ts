// Every write route of the local product, fed random JSON and valid bodies with one part replaced
// by random JSON: whatever arrives, the answer is never a 5xx and always JSON (problem+json for
// errors). A fixed seed keeps a failure reproducible; fast-check prints the shrunk body.

import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DEMO_ENVIRONMENT } from '../../shared/store/default-stores.ts';
import { startLocalProduct, type LocalProduct } from './helpers/local-product.ts';

type Target = { readonly method: 'POST' | 'PUT'; readonly path: string; readonly key: 'sdk' | 'admin'; readonly valid: unknown; readonly headers?: Record<string, string> };

const draft = {
  key: 'fuzzed',
  enabled: true,
  variants: { on: true, off: false },
  offVariant: 'off',
  defaultVariant: 'off',
  rules: [{ id: 'r1', when: { all: [{ attr: 'plan', op: 'in', value: ['pro'] }, { attr: 'appVersion', op: 'semver_gte', value: '1.2.0' }] }, serve: { rollout: { salt: 's', split: [{ variant: 'on', weight: 50 }, { variant: 'off', weight: 50 }] } } }],
};
const env = `/admin/v1/environments/${DEMO_ENVIRONMENT}`;

const TARGETS: readonly Target[] = [
  { method: 'POST', path: '/evaluate/ofrep/v1/evaluate/flags/new-checkout', key: 'sdk', valid: { context: { targetingKey: 'u', plan: 'pro' } } },
  { method: 'POST', path: '/evaluate/ofrep/v1/evaluate/flags', key: 'sdk', valid: { context: { targetingKey: 'u', plan: 'pro' } } },
  { method: 'POST', path: '/evaluate/v1/evaluate/batch', key: 'sdk', valid: { contexts: [{ targetingKey: 'u' }], flags: ['new-checkout'] } },
  { method: 'POST', path: '/evaluate/v1/track', key: 'sdk', valid: { targetingKey: 'u', event: 'purchase', count: 1 } },
  { method: 'POST', path: '/validate/v1/rules/validate', key: 'admin', valid: { flag: draft } },
  { method: 'POST', path: '/preview/v1/rules/preview', key: 'admin', valid: { flag: draft, users: [{ targetingKey: 'a', plan: 'pro', appVersion: '2.0.0' }] } },
  { method: 'POST', path: '/preview/v1/rules/rollout-estimate', key: 'admin', valid: { flag: draft, audience: 1000 } },
  { method: 'POST', path: '/preview/v1/rules/analyze', key: 'admin', valid: { flag: draft } },
  { method: 'POST', path: '/preview/v1/rules/performance', key: 'admin', valid: { flag: draft } },
  { method: 'PUT', path: `${env}/flags/fuzzed`, key: 'admin', valid: { flag: draft }, headers: { 'if-match': '0' } },
  { method: 'PUT', path: `${env}/segments/fuzzed`, key: 'admin', valid: { segment: { key: 'fuzzed', when: { attr: 'plan', op: 'eq', value: 'pro' } } }, headers: { 'if-match': '0' } },
  { method: 'POST', path: `${env}/flags:bulk`, key: 'admin', valid: { action: 'disable', keys: ['new-checkout'] } },
  { method: 'POST', path: `${env}/import`, key: 'admin', valid: { flags: [draft] }, headers: { 'if-match': '999' } },
  { method: 'POST', path: '/admin/v1/keys', key: 'admin', valid: { kind: 'sdk', environment: DEMO_ENVIRONMENT, name: 'fuzzed' } },
];

/** `value` with the part at `path` (indices into each level's entries) replaced. */
function replaced(value: unknown, path: readonly number[], replacement: unknown): unknown {
  if (path.length === 0 || value === null || typeof value !== 'object') return replacement;
  const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  if (entries.length === 0) return replacement;
  const [at, inner] = entries[path[0]! % entries.length]!;
  const copy = (Array.isArray(value) ? [...value] : { ...value }) as Record<string | number, unknown>;
  copy[at] = replaced(inner, path.slice(1), replacement);
  return copy;
}

const odd = fc.oneof(fc.jsonValue(), fc.string(), fc.constantFrom(null, -1, 0, 1e308, '', [], {}, '__proto__', { __proto__: null, constructor: 1 }), fc.string({ unit: 'binary', maxLength: 40 }));
const bodies = (valid: unknown) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.tuple(fc.array(fc.nat(), { maxLength: 6 }), odd).map(([path, part]) => JSON.stringify(replaced(valid, path, part))) },
    { weight: 1, arbitrary: fc.jsonValue().map((v) => JSON.stringify(v)) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }) },
  );

describe('every route under random bodies', function () {
  this.timeout(120_000);
  let product: LocalProduct;
  before(async () => {
    product = await startLocalProduct();
  });
  after(() => product?.stop());

  for (const target of TARGETS) {
    it(`${target.method} ${target.path.replace(env, '/admin/v1/environments/{env}')} answers JSON and never 5xx`, async () => {
      await fc.assert(
        fc.asyncProperty(bodies(target.valid), async (body) => {
          const res = await fetch(product.url + target.path, {
            method: target.method,
            headers: { 'content-type': 'application/json', authorization: `Bearer ${target.key === 'sdk' ? product.sdkKey : product.adminKey}`, ...target.headers },
            body,
          });
          const text = await res.text();
          assert.ok(res.status < 500, `${res.status} for ${body.slice(0, 200)}: ${text.slice(0, 300)}`);
          if (text.length > 0) assert.match(res.headers.get('content-type') ?? '', /^application\/(problem\+)?json/, `not JSON for ${body.slice(0, 200)}`);
        }),
        { numRuns: 150, seed: 20261204 },
      );
    });
  }
});
