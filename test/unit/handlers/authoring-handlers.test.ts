// The validate and preview handlers called as functions: a request in, a Reply out, no server.
// The same routes are tested over HTTP in test/integration/validate and test/integration/preview.

import assert from 'node:assert/strict';
import type { AuthoringDeps } from '../../../shared/authoring/deps.ts';
import { keyLookup } from '../../../shared/http/auth.ts';
import { createDemoStore, DEMO_ENVIRONMENT } from '../../../shared/store/default-stores.ts';
import { validateRoute } from '../../../functions/validate/validate-route.ts';
import { previewRoute } from '../../../functions/preview/preview-route.ts';
import { catalogueRoutes } from '../../../functions/preview/catalogue-routes.ts';
import { aRequest, bodyOf, problemCode, replyOf } from '../../helpers/handler-calls.ts';

const ADMIN_KEY = 'sy_admin_unit-handlers-key-0000';
const NOW = Date.parse('2026-03-10T12:00:00Z');

function deps(): AuthoringDeps {
  const store = createDemoStore({ sdkKey: 'sy_sdk_unit-handlers-key-000000', clientKey: 'sy_client_unit-handlers-key-000', adminKey: ADMIN_KEY, generated: [] });
  return { keys: keyLookup(store.keys), flags: store.flags, defaultEnvironment: DEMO_ENVIRONMENT, consoleOrigins: [], now: () => NOW };
}

const onOff = { enabled: true, variants: { on: true, off: false }, offVariant: 'off', defaultVariant: 'off' };
const post = (path: string, body: unknown, key: string = ADMIN_KEY) => aRequest({ method: 'POST', path, body, key });

describe('the validate handler, called without HTTP', () => {
  const route = validateRoute(deps());

  it('answers 200 with the report of a valid flag', async () => {
    const flag = { key: 'draft', ...onOff, rules: [{ id: 'pros', when: { attr: 'plan', op: 'eq', value: 'pro' }, serve: { variant: 'on' } }] };
    const answer = await replyOf(route, post('/v1/rules/validate', { flag }));
    assert.equal(answer.status, 200);
    assert.deepEqual(await bodyOf(answer), { kind: 'flag', environment: DEMO_ENVIRONMENT, valid: true, errors: [], warnings: [], complexity: 3 });
  });

  it('returns the 401 of a missing key as a value, before reading the body', async () => {
    const answer = await replyOf(route, aRequest({ method: 'POST', path: '/v1/rules/validate', body: { flag: {} } }));
    assert.equal(answer.status, 401);
    assert.equal(problemCode(answer), 'UNAUTHORIZED');
  });

  it('returns a body that fits no schema as a 400 problem at its path', async () => {
    const answer = await replyOf(route, post('/v1/rules/validate', { flag: {}, segment: {} }));
    assert.equal(problemCode(answer), 'INVALID_BODY');
    assert.equal(answer.status, 400);
  });
});

describe('the preview handlers, called without HTTP', () => {
  const fixture = deps();

  it('previews a stored flag for each user', async () => {
    const answer = await replyOf(previewRoute(fixture), post('/v1/rules/preview', { flagKey: 'new-checkout', users: [{ targetingKey: 'u1' }], trace: false }));
    assert.equal(answer.status, 200);
    const body = (await bodyOf(answer)) as { flagKey: string; results: unknown[] };
    assert.equal(body.flagKey, 'new-checkout');
    assert.equal(body.results.length, 1);
  });

  it('returns FLAG_NOT_FOUND for a key the environment does not hold', async () => {
    const answer = await replyOf(previewRoute(fixture), post('/v1/rules/preview', { flagKey: 'ghost', users: [{}] }));
    assert.equal(answer.status, 404);
    assert.equal(problemCode(answer), 'FLAG_NOT_FOUND');
  });

  it('lists the templates to an admin key, as a GET route built with route()', async () => {
    const templates = catalogueRoutes(fixture).find((r) => r.path === '/v1/rules/templates')!;
    const answer = await replyOf(templates, aRequest({ path: '/v1/rules/templates', key: ADMIN_KEY }));
    assert.equal(answer.status, 200);
    assert.ok(((await bodyOf(answer)) as { templates: unknown[] }).templates.length > 0);
  });
});
