// The console's one-request-per-purpose helper against a real HTTP server, through the console's
// own API client: the server holds the first answer back until the second has been sent, the
// order a fast switch between two environments produces on a slow network.

import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClient } from '../../../functions/console/web/api/client.ts';
import { createLatest, isAborted } from '../../../functions/console/web/api/latest.ts';
import { FlagListShape } from '../../../functions/console/web/api/shapes.ts';

describe('the console fetch helper (one request per purpose)', () => {
  let server: Server;
  let url: string;
  /** Settled when the server has answered the fast request. */
  let fastAnswered: Promise<void>;
  let markFastAnswered: () => void;
  /** Settled with whether the slow request's connection was closed by the client before its answer. */
  let slowClosedEarly: Promise<boolean>;
  let markSlowClosed: (early: boolean) => void;
  /** Settled once the slow request has reached the server: a switch happens while it is on its way. */
  let slowReceived: Promise<void>;
  let markSlowReceived: () => void;

  beforeEach(async () => {
    fastAnswered = new Promise((resolve) => (markFastAnswered = resolve));
    slowClosedEarly = new Promise((resolve) => (markSlowClosed = resolve));
    slowReceived = new Promise((resolve) => (markSlowReceived = resolve));
    server = createServer((req, res) => {
      const env = /\/environments\/([^/]+)\/flags/.exec(req.url ?? '')?.[1] ?? '?';
      const answer = () => JSON.stringify({ environment: env, items: [{ key: `only-in-${env}`, version: 1, document: { key: `only-in-${env}`, enabled: true, variants: {} }, updatedAt: '2026-01-01T00:00:00Z', updatedBy: 'test' }] });
      if (env === 'slow') {
        let answered = false;
        res.on('close', () => markSlowClosed(!answered));
        markSlowReceived();
        void fastAnswered.then(() => {
          if (res.destroyed || res.writableEnded) return;
          answered = true;
          res.writeHead(200, { 'Content-Type': 'application/json' }).end(answer());
        });
        return;
      }
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(answer(), () => markFastAnswered());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const client = () => createClient({ adminUrl: url, validateUrl: url, previewUrl: url, identity: null }, () => 'key');
  const list = (c: ReturnType<typeof client>, env: string) => (signal: AbortSignal) => c.call('admin', `/v1/environments/${env}/flags`, FlagListShape, { signal });

  it('aborts the earlier request of the same purpose, so only the newest answer is shown', async () => {
    const c = client();
    const latest = createLatest();
    const shown: string[] = [];
    const first = latest.run('library:flags', list(c, 'slow')).then((a) => shown.push(a.environment), (err: unknown) => assert.ok(isAborted(err), String(err)));
    await slowReceived;
    const second = latest.run('library:flags', list(c, 'fast')).then((a) => shown.push(a.environment));
    await Promise.all([first, second]);
    assert.deepEqual(shown, ['fast'], 'the slow, older answer never reaches the screen');
    assert.equal(await slowClosedEarly, true, 'the older request is cancelled on the wire, not just ignored');
  });

  it('leaves a request of another purpose running', async () => {
    const c = client();
    const latest = createLatest();
    const slow = latest.run('history:versions', list(c, 'slow'));
    await slowReceived;
    const fast = await latest.run('library:flags', list(c, 'fast'));
    assert.equal(fast.environment, 'fast');
    assert.equal((await slow).environment, 'slow');
  });

  it('aborts everything still running when the screen goes away', async () => {
    const c = client();
    const latest = createLatest();
    const slow = latest.run('library:flags', list(c, 'slow'));
    await slowReceived;
    latest.abortAll();
    await assert.rejects(slow, (err: Error) => isAborted(err));
    assert.equal(await slowClosedEarly, true);
  });
});
