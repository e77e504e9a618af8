// The evaluate handlers called as functions: OFREP single and bulk, batch and its stream, each a
// request in and a Reply out. The same routes over HTTP: test/integration/evaluate.

import assert from 'node:assert/strict';
import { createSnapshotCache } from '../../../shared/cache/snapshot-cache.ts';
import { keyLookup } from '../../../shared/http/auth.ts';
import { createMemoryRateLimiter, type RateLimitConfig } from '../../../shared/http/rate-limit.ts';
import { createMemoryStore } from '../../../shared/store/memory-store.ts';
import { ofrepRoutes } from '../../../functions/evaluate/ofrep-routes.ts';
import { batchRoute } from '../../../functions/evaluate/batch-route.ts';
import type { EvaluateDeps } from '../../../functions/evaluate/request-context.ts';
import { aRequest, bodyOf, problemCode, replyOf, streamedText } from '../../helpers/handler-calls.ts';

const KEY = 'sy_sdk_unit-evaluate-key-000000';
const NOW = Date.parse('2026-11-23T12:00:00Z');
const onOff = { variants: { on: true, off: false }, offVariant: 'off', defaultVariant: 'off' } as const;

function deps(rate: RateLimitConfig = { ratePerSecond: 1000, burst: 1000 }): EvaluateDeps {
  const store = createMemoryStore({
    environments: {
      test: {
        flags: [
          { key: 'pro-flag', enabled: true, ...onOff, rules: [{ id: 'pros', when: { attr: 'plan', op: 'eq', value: 'pro' }, serve: { variant: 'on' } }] },
          { key: 'half', enabled: true, ...onOff, rules: [{ id: 'split', serve: { rollout: { salt: 'half', split: [{ variant: 'on', weight: 50 }, { variant: 'off', weight: 50 }] } } }] },
          // Off for a context without the prerequisite, DEFAULT (the same variant) for one without an accountId.
          { key: 'by-account', enabled: true, ...onOff, prerequisites: [{ flag: 'pro-flag', variant: 'on' }], rules: [{ id: 'accounts', serve: { rollout: { by: 'accountId', split: [{ variant: 'on', weight: 100 }] } } }] },
        ],
      },
    },
    keys: [{ kind: 'sdk', name: 'unit sdk', environment: 'test', secret: KEY }],
  });
  return { keys: keyLookup(store.keys), limiter: createMemoryRateLimiter(rate), snapshots: createSnapshotCache(store.flags, { maxStalenessMs: 60_000 }), now: () => NOW };
}

const post = (path: string, body: unknown, headers: Record<string, string> = {}) => aRequest({ method: 'POST', path, body, key: KEY, headers });

describe('the OFREP handlers, called without HTTP', () => {
  const fixture = deps();
  const [single, bulk] = ofrepRoutes(fixture) as [ReturnType<typeof ofrepRoutes>[0], ReturnType<typeof ofrepRoutes>[0]];

  it('answers one flag with its OFREP body', async () => {
    const answer = await replyOf(single, post('/ofrep/v1/evaluate/flags/pro-flag', { context: { targetingKey: 'u', plan: 'pro' } }), { key: 'pro-flag' });
    assert.equal(answer.status, 200);
    assert.deepEqual(await bodyOf(answer), { key: 'pro-flag', value: true, reason: 'TARGETING_MATCH', variant: 'on', metadata: { flagVersion: 1, ruleId: 'pros' } });
  });

  it('returns FLAG_NOT_FOUND as a problem value that OFREP clients read too', async () => {
    const answer = await replyOf(single, post('/ofrep/v1/evaluate/flags/ghost', { context: {} }), { key: 'ghost' });
    assert.equal(answer.status, 404);
    assert.equal(problemCode(answer), 'FLAG_NOT_FOUND');
    assert.equal((await bodyOf(answer) as { errorCode: string }).errorCode, 'FLAG_NOT_FOUND');
  });

  it('returns the unchanged bulk answer as a bodiless 304 with its ETag', async () => {
    const first = await replyOf(bulk, post('/ofrep/v1/evaluate/flags', { context: { targetingKey: 'u' } }));
    assert.equal(first.kind, 'json-text');
    const etag = first.headers?.ETag;
    assert.ok(etag);
    const again = await replyOf(bulk, post('/ofrep/v1/evaluate/flags', { context: { targetingKey: 'u' } }, { 'if-none-match': etag }));
    assert.deepEqual({ kind: again.kind, status: again.status, headers: again.headers }, { kind: 'empty', status: 304, headers: { ETag: etag } });
  });

  it('returns 429 with Retry-After once the key is over its rate', async () => {
    const [limited] = ofrepRoutes(deps({ ratePerSecond: 1, burst: 1 }));
    const request = () => post('/ofrep/v1/evaluate/flags/pro-flag', { context: {} });
    assert.equal((await replyOf(limited!, request(), { key: 'pro-flag' })).status, 200);
    const refused = await replyOf(limited!, request(), { key: 'pro-flag' });
    assert.equal(problemCode(refused), 'RATE_LIMITED');
    assert.equal(refused.headers?.['Retry-After'], '1');
  });
});

describe('the batch handler, called without HTTP', () => {
  const route = batchRoute(deps());

  it('streams one result per context, in order', async () => {
    const answer = await replyOf(route, post('/v1/evaluate/batch', { contexts: [{ targetingKey: 'a', plan: 'pro' }, { targetingKey: 'b' }], flags: ['pro-flag'] }));
    assert.equal(answer.kind, 'stream');
    const body = JSON.parse(await streamedText(answer)) as { results: { index: number; flags: Record<string, { variant: string }> }[] };
    assert.deepEqual(body.results.map((r) => [r.index, r.flags['pro-flag']!.variant]), [[0, 'on'], [1, 'off']]);
  });

  it('tells apart answers of one variant for different reasons', async () => {
    const answer = await replyOf(route, post('/v1/evaluate/batch', { contexts: [{ targetingKey: 'a' }, { targetingKey: 'b', plan: 'pro' }], flags: ['by-account'] }));
    const body = JSON.parse(await streamedText(answer)) as { results: { flags: Record<string, { variant: string; reason: string }> }[] };
    assert.deepEqual(body.results.map((r) => `${r.flags['by-account']!.variant} ${r.flags['by-account']!.reason}`), ['off DISABLED', 'off DEFAULT']);
  });

  it('returns unknown flags as a 422 before streaming anything', async () => {
    const answer = await replyOf(route, post('/v1/evaluate/batch', { contexts: [{}], flags: ['ghost'] }));
    assert.equal(answer.status, 422);
    assert.equal(problemCode(answer), 'UNKNOWN_FLAGS');
  });
});
