// The streams function on its own, through the real Functions Framework, with its clock and token
// secret in the test's hands: what only an injected clock or a known secret can show (an expired
// token, a token naming another environment than its key's, a token of an admin key), and what
// happens to a client that leaves while its stream is being opened.

import assert from 'node:assert/strict';
import { hashKey } from '../../../shared/store/api-keys.ts';
import { createMemoryRateLimiter } from '../../../shared/http/rate-limit.ts';
import { createMemoryStore } from '../../../shared/store/memory-store.ts';
import { streamTokens } from '../../../shared/streams/token.ts';
import { createHub, type Hub } from '../../../functions/streams/hub.ts';
import { createStreamsFunction } from '../../../functions/streams/app.ts';
import { serveFunction, type RunningFunction } from '../../helpers/function-server.ts';
import { eventually, inbox } from '../../helpers/inbox.ts';
import { openRaw } from '../../e2e/helpers/sse.ts';
import { testTelemetry } from '../../helpers/telemetry.ts';

const SECRET = 'the-stream-secret-of-these-tests-0123456789';
const SDK_KEY = 'sdk-key-for-tests-0001';
const STAGING_KEY = 'sdk-key-for-staging-01';
const ADMIN_KEY = 'admin-key-for-tests-01';
const LIFETIME_S = 60;

describe('the streams function (injected clock and secret)', () => {
  let clock = Date.parse('2026-11-23T12:00:00Z');
  const tokens = streamTokens(SECRET, LIFETIME_S);
  const store = createMemoryStore({
    environments: { test: { flags: [] }, staging: { flags: [] } },
    keys: [
      { kind: 'sdk', name: 'test sdk', environment: 'test', secret: SDK_KEY },
      { kind: 'sdk', name: 'staging sdk', environment: 'staging', secret: STAGING_KEY },
      { kind: 'admin', name: 'admin', role: 'admin', secret: ADMIN_KEY },
    ],
  });
  /** While set, the hub's version reads wait for it: a stream being opened stays half-open. */
  let gate: Promise<void> | undefined;
  const held = inbox<string>();
  let hub: Hub;
  let running: RunningFunction;

  before(async () => {
    hub = createHub({
      versionOf: async (environment) => {
        if (gate) {
          held.push(environment);
          await gate;
        }
        return store.flags.version(environment);
      },
      keyStands: async (hash) => (await store.keys.findByHash(hash)) !== undefined,
      pollMs: 60_000,
      heartbeatMs: 60_000,
      maxLifetimeMs: 600_000,
      perKeyLimit: 1,
    });
    const handler = createStreamsFunction({ tokens, hub, keyOf: async (hash) => store.keys.findByHash(hash), limiter: createMemoryRateLimiter({ ratePerSecond: 1000, burst: 1000 }), retryMs: 1000, now: () => clock, telemetry: testTelemetry('{n}') });
    running = await serveFunction('streams', handler);
  });
  after(async () => {
    hub.close();
    await running.close();
  });

  const urlOf = (token: string) => `${running.url}/v1/streams/changes?token=${encodeURIComponent(token)}`;
  async function refusal(token: string) {
    const response = await fetch(urlOf(token));
    const body = (await response.json()) as { code: string; status: number; detail: string };
    return { status: response.status, type: response.headers.get('content-type'), code: body.code, problemStatus: body.status, detail: body.detail };
  }

  it('opens a stream for a token of the key\'s own environment', async () => {
    const stream = await openRaw(urlOf(tokens.mint(hashKey(SDK_KEY), 'test', clock).token));
    try {
      assert.equal(stream.status, 200);
      assert.equal(await stream.frames.until(() => true), 'retry: 1000');
    } finally {
      stream.close();
    }
    await eventually(() => hub.count() === 0, 5000, 'the stream to be forgotten');
  });

  it('refuses an expired token with a 401 problem that says to evaluate again', async () => {
    const minted = tokens.mint(hashKey(SDK_KEY), 'test', clock);
    const saved = clock;
    try {
      clock = minted.expiresAt;
      assert.deepEqual(await refusal(minted.token), { status: 401, type: 'application/problem+json', code: 'UNAUTHORIZED', problemStatus: 401, detail: 'the stream token has expired; evaluate the flags in bulk again for a fresh stream URL' });
    } finally {
      clock = saved;
    }
  });

  it('refuses a token naming another environment than its key\'s, and a token of an admin key', async () => {
    for (const [what, token] of [
      ['staging key, test environment', tokens.mint(hashKey(STAGING_KEY), 'test', clock).token],
      ['test key, staging environment', tokens.mint(hashKey(SDK_KEY), 'staging', clock).token],
      ['admin key', tokens.mint(hashKey(ADMIN_KEY), 'test', clock).token],
      ['no such key', tokens.mint(hashKey('never-issued-key-000000'), 'test', clock).token],
    ] as const) {
      const answer = await refusal(token);
      assert.deepEqual([answer.status, answer.type, answer.code, answer.problemStatus], [401, 'application/problem+json', 'UNAUTHORIZED', 401], what);
    }
  });

  it('forgets a client that left while its stream was being opened, so the key\'s place is free again', async () => {
    let release!: () => void;
    gate = new Promise((resolve) => (release = resolve));
    const abort = new AbortController();
    const leaving = fetch(urlOf(tokens.mint(hashKey(SDK_KEY), 'test', clock).token), { signal: abort.signal }).catch(() => undefined);
    // The request has reached the hub (it waits on the gate); the client leaves, then the read ends.
    await held.until((environment) => environment === 'test', 5000, 'the opening to read the version');
    abort.abort();
    await leaving;
    // Sequencing, not a check: the server hears the socket close before the read is released.
    await new Promise((resolve) => setTimeout(resolve, 50));
    gate = undefined;
    release();
    // The key (limit 1 per instance) can open a stream again once the abandoned opening is over.
    await eventually(async () => {
      const stream = await openRaw(urlOf(tokens.mint(hashKey(SDK_KEY), 'test', clock).token));
      stream.close();
      return stream.status === 200;
    }, 5000, 'a stream of the key to open again');
    await eventually(() => hub.count() === 0, 5000, 'every stream to be forgotten');
  });
});
