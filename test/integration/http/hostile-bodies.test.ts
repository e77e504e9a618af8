// Request bodies as a hostile client sends them, as classes over every route that takes a body:
// a declared length past the limit, chunks past it, compression bombs of several ratios in each
// accepted encoding, unknown encodings, corrupt compression, anonymous large bodies. Each answers
// its problem (413, 415, 400, 401) through the real Functions Framework, never a 5xx.

import assert from 'node:assert/strict';
import { brotliCompressSync, constants, deflateSync, gzipSync } from 'node:zlib';
import { createAdminFunction } from '../../../functions/admin/app.ts';
import { WRITE_BODY_BYTES } from '../../../functions/admin/admin-route.ts';
import { IMPORT_BODY_BYTES } from '../../../functions/admin/transfer-routes.ts';
import { BATCH_LIMITS } from '../../../functions/evaluate/batch-route.ts';
import { ANALYZE_BODY_BYTES } from '../../../functions/preview/analyze-route.ts';
import { createPreviewFunction } from '../../../functions/preview/app.ts';
import { PREVIEW_LIMITS } from '../../../functions/preview/limits.ts';
import { createValidateFunction } from '../../../functions/validate/app.ts';
import { VALIDATE_BODY_BYTES } from '../../../functions/validate/validate-route.ts';
import { keyLookup } from '../../../shared/http/auth.ts';
import { PRE_AUTH_BYTES } from '../../../shared/http/body-reader.ts';
import { LIMITS } from '../../../shared/rules/index.ts';
import { rawRequest, type BodyPlan, type RawAnswer } from '../../helpers/raw-client.ts';
import { serveFunction, type RunningFunction } from '../../helpers/function-server.ts';
import { ENV, KEYS, seededStore } from '../admin/fixture.ts';
import { SDK_KEY, startEvaluate } from '../evaluate/fixture.ts';
import { ADMIN_KEY, demoDeps } from '../framework-server.ts';
import { testTelemetry } from '../../helpers/telemetry.ts';

type Fn = 'validate' | 'preview' | 'admin' | 'evaluate';
type RouteCase = { readonly fn: Fn; readonly method: string; readonly path: string; readonly limit: number; readonly key: string; readonly headers?: Record<string, string> };

const ROUTES: readonly RouteCase[] = [
  { fn: 'validate', method: 'POST', path: '/v1/rules/validate', limit: VALIDATE_BODY_BYTES, key: ADMIN_KEY },
  { fn: 'preview', method: 'POST', path: '/v1/rules/preview', limit: PREVIEW_LIMITS.bodyBytes, key: ADMIN_KEY },
  { fn: 'preview', method: 'POST', path: '/v1/rules/rollout-estimate', limit: PREVIEW_LIMITS.bodyBytes, key: ADMIN_KEY },
  { fn: 'preview', method: 'POST', path: '/v1/rules/analyze', limit: ANALYZE_BODY_BYTES, key: ADMIN_KEY },
  { fn: 'preview', method: 'POST', path: '/v1/rules/performance', limit: PREVIEW_LIMITS.bodyBytes, key: ADMIN_KEY },
  { fn: 'admin', method: 'POST', path: `/v1/environments/${ENV}/import`, limit: IMPORT_BODY_BYTES, key: KEYS.admin, headers: { 'if-match': '1' } },
  { fn: 'admin', method: 'PUT', path: `/v1/environments/${ENV}/flags/some-flag`, limit: WRITE_BODY_BYTES, key: KEYS.admin, headers: { 'if-match': '0' } },
  { fn: 'evaluate', method: 'POST', path: '/ofrep/v1/evaluate/flags/bool-flag', limit: LIMITS.evaluateBodyBytes, key: SDK_KEY },
  { fn: 'evaluate', method: 'POST', path: '/v1/evaluate/batch', limit: BATCH_LIMITS.bodyBytes, key: SDK_KEY },
];

const COMPRESS = {
  gzip: (b: Buffer) => gzipSync(b, { level: 9 }),
  deflate: (b: Buffer) => deflateSync(b, { level: 9 }),
  br: (b: Buffer) => brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } }),
} as const;
type Coding = keyof typeof COMPRESS;
const CODINGS = Object.keys(COMPRESS) as Coding[];

/** A JSON object of exactly `bytes` bytes: `{"pad":"aaa…"}`. */
function jsonOf(bytes: number): Buffer {
  const body = Buffer.alloc(bytes, 0x61);
  body.write('{"pad":"', 0);
  body.write('"}', bytes - 2);
  return body;
}

const BOMBS = new Map<string, Buffer>();
/** `jsonOf(decoded)` compressed, built once per size and coding (the huge ones are shared by every route). */
function bomb(coding: Coding, decoded: number): Buffer {
  const id = `${coding}:${decoded}`;
  if (!BOMBS.has(id)) BOMBS.set(id, COMPRESS[coding](jsonOf(decoded)));
  return BOMBS.get(id)!;
}

type Problem = { type: string; title: string; status: number; detail: string; code: string; errors: { path: string; code: string; message: string }[] };

function expectProblem(answer: RawAnswer, status: number, code: string): Problem {
  assert.equal(answer.kind, 'answer', 'the server answered before the connection ended');
  if (answer.kind !== 'answer') throw new Error('unreachable');
  assert.equal(answer.headers['content-type'], 'application/problem+json');
  const body = answer.body as Problem;
  assert.deepEqual({ status: answer.status, code: body.code }, { status, code }, JSON.stringify(body));
  assert.ok(body.type.startsWith('https://') && body.title.length > 0 && body.detail.length > 0 && Array.isArray(body.errors));
  return body;
}

describe('hostile request bodies, on every route that takes one', function () {
  this.timeout(60_000);
  const servers = new Map<Fn, RunningFunction>();
  before(async () => {
    servers.set('validate', await serveFunction('validate', createValidateFunction(demoDeps())));
    servers.set('preview', await serveFunction('preview', createPreviewFunction(demoDeps())));
    const store = seededStore();
    servers.set('admin', await serveFunction('admin', createAdminFunction({ stores: store, keys: keyLookup(store.keys), consoleOrigins: [], now: () => Date.now(), storeDeadlineMs: 30_000, telemetry: testTelemetry('{n}') })));
    servers.set('evaluate', await startEvaluate());
  });
  after(async () => {
    for (const server of servers.values()) await server.close();
  });

  const send = (route: RouteCase, plan: BodyPlan, headers: Record<string, string> = {}, key: string | null = route.key) =>
    rawRequest(route.method, servers.get(route.fn)!.url, route.path, { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}), ...route.headers, ...headers }, plan);

  for (const route of ROUTES) {
    describe(`${route.method} ${route.path} (${route.fn}, limit ${route.limit} bytes)`, () => {
      it('answers 413 to a declared length past the limit without waiting for the body', async () => {
        const answer = await send(route, { kind: 'stream', chunk: Buffer.alloc(1024, 0x20), maxBytes: 1024, declaredLength: route.limit + 1 });
        const problem = expectProblem(answer, 413, 'BODY_TOO_LARGE');
        assert.match(problem.detail, new RegExp(`${route.limit + 1} bytes`));
      });

      it('answers 413 to a chunked body that runs past the limit, without a length to go by', async () => {
        expectProblem(await send(route, { kind: 'stream', chunk: Buffer.alloc(64 * 1024, 0x20), maxBytes: route.limit + 256 * 1024 }), 413, 'BODY_TOO_LARGE');
      });

      for (const coding of CODINGS) {
        for (const [ratio, decoded] of [['one byte past the limit', route.limit + 1], ['256 MiB', 256 * 1024 * 1024]] as const) {
          for (const chunked of [false, true]) {
            it(`answers 413 to a ${coding} body that decodes to ${ratio}, counting the decoded bytes (${chunked ? 'chunked' : 'Content-Length'})`, async () => {
              expectProblem(await send(route, { kind: 'buffer', bytes: bomb(coding, decoded), chunked }, { 'content-encoding': coding }), 413, 'BODY_TOO_LARGE');
            });
          }
        }
        it(`reads a ${coding} body within the limit as the JSON it decodes to`, async () => {
          const answer = await send(route, { kind: 'buffer', bytes: COMPRESS[coding](Buffer.from('{"x":')), chunked: true }, { 'content-encoding': coding });
          expectProblem(answer, 400, 'MALFORMED_JSON');
        });
        it(`answers 400 INVALID_BODY to a corrupt ${coding} body`, async () => {
          const whole = COMPRESS[coding](jsonOf(4096));
          const problem = expectProblem(await send(route, { kind: 'buffer', bytes: whole.subarray(0, whole.length - 8) }, { 'content-encoding': coding }), 400, 'INVALID_BODY');
          assert.equal(problem.errors[0]?.code, 'CORRUPT_ENCODING');
        });
      }

      for (const encoding of ['zstd', 'compress', 'gzip, gzip', 'x-bomb']) {
        it(`answers 415 UNSUPPORTED_ENCODING to Content-Encoding: ${encoding}, unread`, async () => {
          const problem = expectProblem(await send(route, { kind: 'stream', chunk: Buffer.alloc(1024), maxBytes: 1024, declaredLength: 1024 * 1024 }, { 'content-encoding': encoding }), 415, 'UNSUPPORTED_ENCODING');
          assert.equal(problem.errors[0]?.path, 'Content-Encoding');
        });
      }

      it('answers 401 to an anonymous large body before reading it (declared length)', async () => {
        const declaredLength = Math.max(route.limit, 1024 * 1024);
        expectProblem(await send(route, { kind: 'stream', chunk: Buffer.alloc(1024, 0x20), maxBytes: 1024, declaredLength }, {}, null), 401, 'UNAUTHORIZED');
      });

      it('answers 401 to an anonymous endless chunked body', async () => {
        const answer = await send(route, { kind: 'stream', chunk: Buffer.alloc(64 * 1024, 0x20), maxBytes: 64 * 1024 * 1024 }, {}, null);
        expectProblem(answer, 401, 'UNAUTHORIZED');
        assert.ok(answer.sentBytes < 64 * 1024 * 1024, 'the client was stopped by the answer, not by running out');
      });

      it('keeps serving after a client declares more than it sends and hangs up', async () => {
        const dropped = await send(route, { kind: 'short', declared: Math.min(route.limit, PRE_AUTH_BYTES * 4), sent: Buffer.from('{"pad":"') });
        assert.equal(dropped.kind, 'dropped');
        const next = await send(route, { kind: 'buffer', bytes: Buffer.from('{"x":') });
        expectProblem(next, 400, 'MALFORMED_JSON');
      });
    });
  }
});
