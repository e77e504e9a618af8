// The process-wide budget of body bytes in flight: a body that would take the process past it
// stops being read (answered 503 by the routes), whatever its route's own limit, and every byte it
// held is given back when reading ends, whether it completed, overflowed or was refused.

import assert from 'node:assert/strict';
import { createServer, request, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { createBodyReader, type BodyOutcome } from '../../../shared/http/body-reader.ts';
import { createByteBudget } from '../../../shared/http/body-budget.ts';

type Coding = Parameters<typeof createBodyReader>[1];

/** Serves one request: its body read with `limit` under `budget`, the outcome's kind answered. */
async function readThrough(body: Buffer, coding: Coding, budget: ReturnType<typeof createByteBudget>, limit: number): Promise<BodyOutcome['kind']> {
  const server = createServer(async (req: IncomingMessage, res) => {
    const outcome = await createBodyReader(req, coding, undefined, budget).read(limit);
    res.end(outcome.kind);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    return await new Promise((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: (server.address() as AddressInfo).port, method: 'POST', headers: { 'transfer-encoding': 'chunked' } }, (res) => {
        let text = '';
        res.on('data', (c) => (text += c)).on('end', () => resolve(text as BodyOutcome['kind']));
      });
      req.on('error', reject);
      req.end(body);
    });
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

describe('body bytes in flight', () => {
  const cases: [string, Buffer, Coding][] = [
    ['a plain body', Buffer.alloc(4000, 'a'), 'identity'],
    ['a gzip body that decodes past the budget', gzipSync(Buffer.alloc(40_000, 'a')), 'gzip'],
  ];
  for (const [what, body, coding] of cases) {
    it(`stops reading ${what} once the process would hold more than its budget, within the route's own limit, and gives every byte back`, async () => {
      const budget = createByteBudget(2048);
      assert.equal(await readThrough(body, coding, budget, 1_000_000), 'busy');
      assert.equal(budget.inUse(), 0);
    });
  }

  it('reads a body that fits, then gives its bytes back for the next', async () => {
    const budget = createByteBudget(8192);
    assert.equal(await readThrough(Buffer.alloc(4000, 'a'), 'identity', budget, 1_000_000), 'complete');
    assert.equal(budget.inUse(), 0);
    assert.equal(await readThrough(Buffer.alloc(4000, 'a'), 'identity', budget, 1_000_000), 'complete');
  });

  it('lets the route\'s own limit speak first when the body passes it', async () => {
    const budget = createByteBudget(1_000_000);
    assert.equal(await readThrough(Buffer.alloc(4000, 'a'), 'identity', budget, 1000), 'too_large');
    assert.equal(budget.inUse(), 0);
  });
});
