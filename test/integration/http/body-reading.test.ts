// How much of a body the server takes off the connection, seen from inside: a route records the
// reader's wire bytes. An anonymous caller makes it read at most PRE_AUTH_BYTES (and a chunk); a
// compression bomb is read only until its decoded bytes pass the limit.

import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { gzipSync } from 'node:zlib';
import * as z from 'zod';
import { bodyReaderOf, PRE_AUTH_BYTES } from '../../../shared/http/body-reader.ts';
import { createHttpFunction } from '../../../shared/http/http-function.ts';
import { jsonRoute } from '../../../shared/http/json-route.ts';
import { problem } from '../../../shared/http/problem.ts';
import { reply } from '../../../shared/http/reply.ts';
import { rawPost } from '../../helpers/raw-client.ts';
import { serveFunction, type RunningFunction } from '../../helpers/function-server.ts';
import { testTelemetry } from '../../helpers/telemetry.ts';

const LIMIT = 1024 * 1024;
/** Socket reads come in chunks of up to 64 KiB: the bound on what one read can add past a limit. */
const ONE_READ = 64 * 1024;

describe('body reading, measured by the server', () => {
  let fn: RunningFunction;
  const seen: { admitted: number[]; refused: number[]; afterBody: number[]; answered: number[] } = { admitted: [], refused: [], afterBody: [], answered: [] };
  before(async () => {
    const route = jsonRoute({
      path: '/echo',
      admit: (req) => {
        const read = bodyReaderOf(req)?.wireBytes() ?? 0;
        if (req.headers.authorization !== 'Bearer ok') {
          seen.refused.push(read);
          return { ok: false as const, problem: problem('UNAUTHORIZED', 'no key') };
        }
        seen.admitted.push(read);
        return { ok: true as const };
      },
      schema: z.looseObject({}),
      limitBytes: LIMIT,
      handle: (req) => {
        seen.afterBody.push(bodyReaderOf(req)?.wireBytes() ?? 0);
        return reply.json(200, { ok: true });
      },
    });
    const handler = createHttpFunction({ name: 'body-reading', telemetry: testTelemetry('{n}'), routes: [route], cors: { origins: [] } });
    // What was read by the time each answer went out, 413s included.
    fn = await serveFunction('body-reading', (req, res) => {
      res.on('finish', () => seen.answered.push(bodyReaderOf(req)?.wireBytes() ?? 0));
      return handler(req, res);
    });
  });
  after(() => fn.close());
  beforeEach(() => {
    seen.admitted.length = 0;
    seen.refused.length = 0;
    seen.afterBody.length = 0;
    seen.answered.length = 0;
  });

  it(`reads at most ${PRE_AUTH_BYTES} bytes (and one socket read) of an anonymous endless body before answering 401`, async () => {
    const answer = await rawPost(fn.url, '/echo', { 'content-type': 'application/json' }, { kind: 'stream', chunk: Buffer.alloc(16 * 1024, 0x20), maxBytes: 256 * 1024 * 1024 });
    assert.equal(answer.kind === 'answer' && answer.status, 401);
    assert.equal(seen.refused.length, 1);
    assert.ok(seen.refused[0]! <= PRE_AUTH_BYTES + ONE_READ, `read ${seen.refused[0]} bytes`);
  });

  it('reads nothing of an anonymous body whose declared length is past the pre-auth read', async () => {
    const answer = await rawPost(fn.url, '/echo', { 'content-type': 'application/json' }, { kind: 'stream', chunk: Buffer.alloc(64 * 1024, 0x20), maxBytes: 64 * 1024, declaredLength: 8 * 1024 * 1024 });
    assert.equal(answer.kind === 'answer' && answer.status, 401);
    assert.deepEqual(seen.refused, [0]);
  });

  it('reads a small body whole before routing, so a warm route can answer without waiting', async () => {
    const answer = await rawPost(fn.url, '/echo', { 'content-type': 'application/json', authorization: 'Bearer ok' }, { kind: 'buffer', bytes: Buffer.from('{"a":1}'), chunked: true });
    assert.equal(answer.kind === 'answer' && answer.status, 200);
    assert.deepEqual(seen.admitted, [7]);
  });

  it('reads a large body for an admitted caller, up to its limit', async () => {
    const body = Buffer.from(JSON.stringify({ pad: 'x'.repeat(LIMIT - 20) }));
    const answer = await rawPost(fn.url, '/echo', { 'content-type': 'application/json', authorization: 'Bearer ok' }, { kind: 'buffer', bytes: body, chunked: true });
    assert.equal(answer.kind === 'answer' && answer.status, 200);
    assert.deepEqual(seen.afterBody, [body.length]);
  });

  for (const spacing of [4, 64, 4096]) {
    it(`stops reading a gzip bomb (one varying byte in ${spacing}) once its decoded bytes pass the limit`, async () => {
      const decoded = Buffer.alloc(16 * LIMIT, 0x61);
      for (let i = 0; i < decoded.length; i += spacing) decoded[i] = (Math.imul(i, 2654435761) >>> 24) & 0xff;
      const wire = gzipSync(decoded, { level: 6 });
      const ratio = decoded.length / wire.length;
      const answer = await rawPost(fn.url, '/echo', { 'content-type': 'application/json', 'content-encoding': 'gzip', authorization: 'Bearer ok' }, { kind: 'buffer', bytes: wire, chunked: true });
      assert.equal(answer.kind === 'answer' && answer.status, 413);
      const read = seen.answered[0]!;
      // Decoding passes the limit after about LIMIT / ratio wire bytes; reads and zlib's buffers add a
      // few chunks. A bomb small enough is read whole before routing (and decoded only to 64 KiB there).
      const bound = Math.max(PRE_AUTH_BYTES + ONE_READ, LIMIT / ratio + 4 * ONE_READ);
      assert.ok(read <= bound, `ratio ${ratio.toFixed(0)}:1, ${wire.length} bytes sent, ${read} read`);
    });
  }

  it('survives a connection whose Content-Length is shorter than the bytes sent, and serves the next', async () => {
    const answers = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(new URL(fn.url).port), '127.0.0.1');
      const parts: Buffer[] = [];
      socket.on('data', (c: Buffer) => parts.push(c));
      socket.on('close', () => resolve(Buffer.concat(parts).toString('latin1')));
      socket.on('error', reject);
      socket.end(`POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nAuthorization: Bearer ok\r\nContent-Length: 7\r\n\r\n{"a":1}${'x'.repeat(100_000)}`);
    });
    // The bytes past the declared length are no request: Node's parser answers 400 and closes.
    assert.match(answers, /HTTP\/1\.1 400 /);
    const next = await rawPost(fn.url, '/echo', { 'content-type': 'application/json', authorization: 'Bearer ok' }, { kind: 'buffer', bytes: Buffer.from('{"a":1}') });
    assert.equal(next.kind === 'answer' && next.status, 200);
  });
});
