// The streams function's admission called as a function: every refusal before a stream opens is
// a Reply (the open stream itself is the hub's, over HTTP in test/integration/streams).

import assert from 'node:assert/strict';
import { hashKey } from '../../../shared/store/api-keys.ts';
import { createMemoryRateLimiter } from '../../../shared/http/rate-limit.ts';
import { createMemoryStore } from '../../../shared/store/memory-store.ts';
import { streamTokens } from '../../../shared/streams/token.ts';
import { streamAdmission, type StreamAdmission } from '../../../functions/streams/stream-route.ts';
import { createHub } from '../../../functions/streams/hub.ts';
import { aRequest, problemCode } from '../../helpers/handler-calls.ts';

const SDK_KEY = 'sy_sdk_unit-streams-key-0000000';
const NOW = Date.parse('2026-11-23T12:00:00Z');

describe('stream admission, called without HTTP', () => {
  const tokens = streamTokens('a-secret-for-unit-tests-only-0000', 600);
  const store = createMemoryStore({ environments: { test: { flags: [] } }, keys: [{ kind: 'sdk', name: 'sdk', environment: 'test', secret: SDK_KEY }] });
  let clock = NOW;
  // Admission never reaches the hub: opening a stream is the route's, after it.
  const hub = createHub({ versionOf: (environment) => store.flags.version(environment), keyStands: async (hash) => (await store.keys.findByHash(hash)) !== undefined, pollMs: 60_000, heartbeatMs: 60_000, maxLifetimeMs: 600_000, perKeyLimit: 1 });
  after(() => hub.close());
  const { admit } = streamAdmission({
    tokens,
    hub,
    keyOf: async (hash) => store.keys.findByHash(hash),
    limiter: createMemoryRateLimiter({ ratePerSecond: 1000, burst: 1000 }),
    retryMs: 1000,
    now: () => clock,
  });
  const token = () => tokens.mint(hashKey(SDK_KEY), 'test', clock).token;
  const refusedWith = (admission: StreamAdmission) => (admission.ok ? 'admitted' : `${admission.reply.status} ${problemCode(admission.reply)}`);

  it('admits a fresh token, resuming from Last-Event-ID over ?since', async () => {
    const admission = await admit(aRequest({ path: `/v1/streams/changes?token=${encodeURIComponent(token())}&since=3`, headers: { 'last-event-id': '5' } }));
    assert.ok(admission.ok);
    assert.deepEqual({ environment: admission.grant.environment, seen: admission.seen }, { environment: 'test', seen: 5 });
  });

  it('returns 401 for a missing or expired token', async () => {
    assert.equal(refusedWith(await admit(aRequest({ path: '/v1/streams/changes' }))), '401 UNAUTHORIZED');
    const old = token();
    clock += 3_600_000;
    try {
      assert.equal(refusedWith(await admit(aRequest({ path: `/v1/streams/changes?token=${encodeURIComponent(old)}` }))), '401 UNAUTHORIZED');
    } finally {
      clock = NOW;
    }
  });

  it('returns 400 for a since that is not a version', async () => {
    assert.equal(refusedWith(await admit(aRequest({ path: `/v1/streams/changes?token=${encodeURIComponent(token())}&since=1e3` }))), '400 INVALID_QUERY');
  });
});
