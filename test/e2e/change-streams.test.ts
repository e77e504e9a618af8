// Change streams over HTTP on the local product, with the WHATWG EventSource client browsers
// implement (the `eventsource` package) where a client's behaviour matters, and a hand reader where
// the bytes do (retry hint, heartbeats, the end of a stream). Each test takes an SDK key of its own
// (created through the admin API), so per-key limits and log lines are its own.

import assert from 'node:assert/strict';
import { EventSource, type FetchLike } from 'eventsource';
import { eventually, inbox } from '../helpers/inbox.ts';
import { startLocalProduct, type LocalProduct } from './helpers/local-product.ts';
import { bulkMember, onOffFlag, productApi, type Json, type ProductApi } from './helpers/product-api.ts';
import { eventOf, openRaw, type RawStream } from './helpers/sse.ts';

const HEARTBEAT_SECONDS = 1;
const MAX_SECONDS = 5;
const PER_KEY = 2;
const WAIT_MS = 10_000;

type Notice = { id: string; data: { type: string; etag: string; lastModified: number } };

describe('change streams', function () {
  this.timeout(60000);
  let product: LocalProduct;
  let api: ProductApi;
  const cleanup: (() => void)[] = [];

  before(async () => {
    product = await startLocalProduct({
      console: false,
      env: {
        SWITCHYARD_MAX_STALENESS_MS: '200',
        SWITCHYARD_STREAM_HEARTBEAT_SECONDS: String(HEARTBEAT_SECONDS),
        SWITCHYARD_STREAM_MAX_SECONDS: String(MAX_SECONDS),
        SWITCHYARD_STREAMS_PER_KEY: String(PER_KEY),
        SWITCHYARD_STAGE: 'local',
        LOG_FORMAT: 'json',
        LOG_LEVEL: 'info',
      },
    });
    api = productApi(product);
  });
  afterEach(() => {
    for (const close of cleanup.splice(0)) close();
  });
  after(async () => {
    await product?.stop();
  });

  /** A fresh SDK key of the demo environment, its stream URL and the version its bulk answer came from. */
  async function newClient() {
    const key = await api.createSdkKey();
    const bulk = await api.bulk({ targetingKey: 'user-1' }, key.secret);
    assert.equal(bulk.status, 200);
    const offered = (bulk.body.eventStreams as Json[])[0] as { type: string; url: string; inactivityDelaySec: number };
    assert.equal(offered.type, 'sse');
    assert.equal(offered.inactivityDelaySec, 120);
    const version = (bulk.body.metadata as { version: number }).version;
    assert.ok(offered.url.endsWith(`&since=${version}`), offered.url);
    return { key, url: offered.url, token: new URL(offered.url).searchParams.get('token')!, version, etag: bulk.headers.get('etag')! };
  }
  const withQuery = (url: string, changes: Record<string, string>) => {
    const u = new URL(url);
    for (const [name, value] of Object.entries(changes)) u.searchParams.set(name, value);
    return u.toString();
  };
  /** An EventSource whose notices land in an inbox, and whose requests' headers are kept. */
  function listen(url: string) {
    const notices = inbox<Notice>();
    const requests: Record<string, string>[] = [];
    const opened = inbox<number>();
    const source = new EventSource(url, {
      fetch: (input: Parameters<FetchLike>[0], init?: Parameters<FetchLike>[1]) => {
        requests.push({ ...(init?.headers as Record<string, string>) });
        return fetch(input, init);
      },
    });
    source.onopen = () => opened.push(requests.length);
    source.onmessage = (event) => notices.push({ id: event.lastEventId, data: JSON.parse(event.data as string) });
    cleanup.push(() => source.close());
    return { source, notices, requests, opened };
  }
  async function raw(url: string, headers: Record<string, string> = {}): Promise<RawStream> {
    const stream = await openRaw(url, headers);
    cleanup.push(stream.close);
    return stream;
  }
  /** Flips a flag of its own; the environment's version it moved to, as the next bulk answer says. */
  let flips = 0;
  async function change(): Promise<number> {
    const answer = await api.putFlag(onOffFlag('stream-flip', flips++ % 2 === 0));
    assert.ok(answer.status === 200 || answer.status === 201, JSON.stringify(answer.body));
    return ((await api.bulk()).body.metadata as { version: number }).version;
  }
  async function refused(url: string, headers: Record<string, string> = {}) {
    const response = await fetch(url, { headers });
    const body = (await response.json()) as Json;
    return { status: response.status, type: response.headers.get('content-type'), code: body.code, problemStatus: body.status, retryAfter: response.headers.get('retry-after'), detail: body.detail as string };
  }
  const logLines = () => product.output().split('\n').flatMap((line) => {
    try {
      return [JSON.parse(line) as Json];
    } catch {
      return [];
    }
  });

  describe('notices', () => {
    it('tells an open stream of a change as refetchEvaluation, with the version as id and in the etag', async () => {
      const client = await newClient();
      const { notices, opened } = listen(client.url);
      await opened.until(() => true, WAIT_MS, 'the stream to open');
      const version = await change();
      const notice = await notices.until((n) => Number(n.id) >= version, WAIT_MS, 'the notice of the change');
      assert.equal(notice.id, String(version));
      assert.equal(notice.data.type, 'refetchEvaluation');
      assert.equal(notice.data.etag, `"${version}"`);
      assert.ok(Number.isInteger(notice.data.lastModified), 'lastModified in epoch seconds');
    });

    it('tells a reconnecting client the change it missed, at once', async () => {
      const client = await newClient();
      const version = await change();
      const stream = await raw(client.url, { 'Last-Event-ID': String(version - 1) });
      assert.equal(stream.status, 200);
      const notice = eventOf(await stream.frames.until((f) => eventOf(f) !== undefined, WAIT_MS, 'the missed notice'));
      assert.equal(notice?.id, String(version));
      // Last-Event-ID wins over the older `since` of the URL, and a client up to date is told nothing.
      const upToDate = await raw(withQuery(client.url, { since: '0' }), { 'Last-Event-ID': String(version) });
      const first = await upToDate.frames.until((f) => f !== '' && !f.startsWith('retry:'), WAIT_MS, 'the first frame after the retry hint');
      assert.equal(first, ':', 'a heartbeat, not a notice');
    });

    it('tells a client that opens the stream late (since behind) of the change at once', async () => {
      const client = await newClient();
      const version = await change();
      assert.ok(version > client.version);
      const stream = await raw(client.url);
      const notice = eventOf(await stream.frames.until((f) => eventOf(f) !== undefined, WAIT_MS, 'the notice since'));
      assert.deepEqual([notice?.id, notice?.data.etag], [String(version), `"${version}"`]);
    });

    it('begins with a retry hint and keeps an idle stream alive with heartbeat comments', async () => {
      const client = await newClient();
      const stream = await raw(client.url);
      assert.equal(stream.status, 200);
      assert.match(stream.headers.get('content-type') ?? '', /^text\/event-stream/);
      assert.match(stream.headers.get('cache-control') ?? '', /no-cache/);
      assert.equal(await stream.frames.until(() => true, WAIT_MS), 'retry: 1000');
      await stream.frames.until((f) => f === ':', WAIT_MS, 'a heartbeat');
      const count = stream.frames.items.filter((f) => f === ':').length;
      await stream.frames.until((f) => f === ':' && stream.frames.items.filter((g) => g === ':').length > count, WAIT_MS, 'another heartbeat');
    });

    it('answers the re-fetch a notice triggers (flagConfigEtag) from a snapshot at least that new, with the new values', async () => {
      const client = await newClient();
      const { notices, opened } = listen(client.url);
      await opened.until(() => true, WAIT_MS);
      const version = await change();
      const nowEnabled = (flips - 1) % 2 === 0;
      const notice = await notices.until((n) => Number(n.id) >= version, WAIT_MS);
      // What the web provider sends: the notice's etag and lastModified, and the ETag it holds.
      const refetch = await api.bulk({ targetingKey: 'user-1' }, client.key.secret, `?${new URLSearchParams({ flagConfigEtag: notice.data.etag, flagConfigLastModified: String(notice.data.lastModified) })}`, { 'If-None-Match': client.etag });
      assert.equal(refetch.status, 200);
      assert.ok((refetch.body.metadata as { version: number }).version >= version);
      const member = bulkMember(refetch, 'stream-flip');
      assert.deepEqual([member?.value, member?.reason], nowEnabled ? [true, 'STATIC'] : [false, 'DISABLED']);
      // A version the store has not got yet is answered from the newest it has, not refused.
      const ahead = await api.bulk({ targetingKey: 'user-1' }, client.key.secret, `?flagConfigEtag=${encodeURIComponent(`"${version + 1000}"`)}`);
      assert.equal(ahead.status, 200);
      const garbage = await api.bulk({ targetingKey: 'user-1' }, client.key.secret, '?flagConfigEtag=nonsense');
      assert.deepEqual([garbage.status, garbage.body.code], [400, 'INVALID_QUERY']);
    });

    it('ends a stream after SWITCHYARD_STREAM_MAX_SECONDS, and EventSource reconnects with its Last-Event-ID', async function () {
      this.timeout(30000);
      const client = await newClient();
      const { notices, requests, opened } = listen(client.url);
      await opened.until(() => true, WAIT_MS);
      const version = await change();
      await notices.until((n) => n.id === String(version), WAIT_MS);
      await opened.until((n) => n >= 2, MAX_SECONDS * 1000 + WAIT_MS, 'the reconnection');
      assert.equal(requests[1]?.['Last-Event-ID'], String(version));
      // The reconnected stream hears the next change.
      const next = await change();
      await notices.until((n) => n.id === String(next), WAIT_MS, 'the change after reconnecting');
      assert.equal(notices.items.filter((n) => n.id === String(version)).length, 1, 'the change seen before is not told again');
    });
  });

  describe('refusals', () => {
    it('refuses a missing, malformed or forged token with a 401 problem', async () => {
      const client = await newClient();
      const base = client.url.split('?')[0]!;
      const [head, body, signature] = client.token.split('.') as [string, string, string];
      const forged = `${head}.${body}.${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;
      for (const [what, url, detail] of [
        ['missing', base, /no token/],
        ['empty', `${base}?token=`, /no token/],
        ['malformed', `${base}?token=abc`, /not one this service issued/],
        ['forged', withQuery(client.url, { token: forged }), /signature/],
      ] as const) {
        const answer = await refused(url);
        assert.deepEqual([answer.status, answer.type, answer.code, answer.problemStatus], [401, 'application/problem+json', 'UNAUTHORIZED', 401], what);
        assert.match(answer.detail, detail, what);
      }
    });

    it('refuses a bad since or Last-Event-ID with a 400 INVALID_QUERY problem', async () => {
      const client = await newClient();
      for (const [what, url, headers] of [
        ['since', withQuery(client.url, { since: 'yesterday' }), {}],
        ['negative since', withQuery(client.url, { since: '-1' }), {}],
        ['since with a fraction', withQuery(client.url, { since: '1.5' }), {}],
        ['Last-Event-ID', client.url, { 'Last-Event-ID': 'abc' }],
        ['Last-Event-ID with leading zeros', client.url, { 'Last-Event-ID': '007' }],
      ] as const) {
        const answer = await refused(url, headers);
        assert.deepEqual([answer.status, answer.type, answer.code], [400, 'application/problem+json', 'INVALID_QUERY'], what);
      }
    });

    it('ends the open streams of a revoked key and refuses its new ones with 401', async () => {
      const client = await newClient();
      const stream = await raw(client.url);
      await stream.frames.until((f) => f.startsWith('retry:'), WAIT_MS);
      const revoked = await api.revokeKey(client.key.id);
      assert.equal(revoked.status, 200);
      await stream.frames.until((f) => f === '<end>', WAIT_MS, 'the end of the revoked key\'s stream');
      const answer = await refused(client.url);
      assert.deepEqual([answer.status, answer.type, answer.code], [401, 'application/problem+json', 'UNAUTHORIZED']);
      assert.match(answer.detail, /revoked/);
    });

    it('holds a key to SWITCHYARD_STREAMS_PER_KEY open streams: 429 TOO_MANY_STREAMS with Retry-After', async () => {
      const client = await newClient();
      const open: RawStream[] = [];
      for (let i = 0; i < PER_KEY; i++) {
        const stream = await raw(client.url);
        assert.equal(stream.status, 200);
        open.push(stream);
      }
      const answer = await refused(client.url);
      assert.deepEqual([answer.status, answer.type, answer.code, answer.problemStatus], [429, 'application/problem+json', 'TOO_MANY_STREAMS', 429]);
      assert.match(answer.retryAfter ?? '', /^\d+$/);
      // Another key is not held to this one's count, and a closed stream frees its place.
      const other = await newClient();
      assert.equal((await raw(other.url)).status, 200);
      open[0]!.close();
      await eventually(async () => {
        const again = await openRaw(client.url);
        again.close();
        return again.status === 200;
      }, WAIT_MS, 'a place freed by the closed stream');
    });
  });

  describe('log lines', () => {
    it('logs one line when a stream opens and one when it closes, and never the token', async () => {
      const client = await newClient();
      const stream = await raw(client.url);
      await stream.frames.until((f) => f.startsWith('retry:'), WAIT_MS);
      stream.close();
      const mine = (message: string) => logLines().filter((line) => line.message === message && line.keyId === client.key.id);
      await eventually(() => mine('stream closed').length > 0, WAIT_MS, 'the closing line');
      assert.equal(mine('stream opened').length, 1);
      assert.equal(mine('stream closed').length, 1);
      assert.equal(mine('stream opened')[0]!.environment, 'development');
      assert.ok(!product.output().includes(client.token), 'no log line carries a stream token');
      assert.ok(!product.output().includes(client.token.split('.')[2]!), 'nor its signature');
      assert.ok(!product.output().includes(client.key.secret), 'nor the key');
    });
  });
});
