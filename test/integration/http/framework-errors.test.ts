// The global patch of Express (shared/http/framework-errors.ts) applies to the Functions
// Framework's server: the framework loads the same Express, its app dispatches through the patched
// `handle`, and the framework's own failures answer problem+json with nosniff. Each test fails on
// its own if an upgrade of the framework or of Express breaks one of those.

import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { http } from '@google-cloud/functions-framework';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import { answersFrameworkErrors } from '../../../shared/http/framework-errors.ts';
import { MAX_REQUEST_BYTES, problemForFrameworkError } from '../../../shared/http/framework-problems.ts';

describe('the Express patch under the Functions Framework', () => {
  let server: Server;
  let url: string;
  let reached = 0;

  before(async () => {
    http('framework-errors-patch', (_req, res) => {
      reached++;
      res.status(200).json({ ok: true });
    });
    server = getTestServer('framework-errors-patch');
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  }));

  it('is the Express the framework loads', () => {
    const frameworkRequire = createRequire(createRequire(import.meta.url).resolve('@google-cloud/functions-framework'));
    assert.equal(frameworkRequire('express'), express, 'the framework has its own copy of Express: patch that one, or dedupe');
  });

  it('is installed on the app the framework serves with', () => {
    const [app] = server.listeners('request');
    assert.ok(app, 'the framework server has no request listener');
    assert.ok(answersFrameworkErrors(app), 'the framework app does not dispatch through the patched handle');
  });

  it('takes the framework\'s body parsers out: a body it would have refused with its HTML page reaches the function unparsed', async () => {
    const before = reached;
    let seen: unknown = 'not called';
    http('framework-errors-body', (req, res) => {
      seen = req.body;
      res.status(200).json({ ok: true });
    });
    const bodyServer = getTestServer('framework-errors-body');
    await new Promise<void>((resolve) => bodyServer.listen(0, '127.0.0.1', resolve));
    try {
      const res = await fetch(`http://127.0.0.1:${(bodyServer.address() as AddressInfo).port}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"broken": ' });
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(seen, undefined, 'no parser ran: our routes read the body (shared/http/body-reader.ts)');
    } finally {
      bodyServer.closeAllConnections();
      await new Promise((resolve) => bodyServer.close(resolve));
    }
    assert.equal(reached, before);
  });

  it('refuses a body larger than the limit from its Content-Length, before reading it', async () => {
    const before = reached;
    const res = await new Promise<{ status: number; type: string | undefined; connection: string | undefined }>((resolve, reject) => {
      // fetch cannot announce a length it does not send; a raw request can.
      const sending = request(url, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(MAX_REQUEST_BYTES + 1) } });
      sending.on('response', (response: IncomingMessage) => {
        response.resume();
        resolve({ status: response.statusCode ?? 0, type: response.headers['content-type'], connection: response.headers.connection });
      });
      sending.on('error', reject);
      sending.write('{');
    });
    assert.deepEqual(res, { status: 413, type: 'application/problem+json', connection: 'close' });
    assert.equal(reached, before, 'the function was called');
  });

  it('lets ordinary requests through to the function, with nosniff', async () => {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.deepEqual(await res.json(), { ok: true });
  });

  it('maps each body-parser failure to its problem', () => {
    const codes = [
      [new URIError('URI malformed'), 'INVALID_PATH'],
      [{ type: 'entity.parse.failed', body: '{', message: 'Unexpected end' }, 'MALFORMED_JSON'],
      [{ type: 'entity.parse.failed', body: '42' }, 'INVALID_BODY'],
      [{ type: 'entity.too.large' }, 'BODY_TOO_LARGE'],
      [{ type: 'charset.unsupported', message: 'unsupported charset' }, 'UNSUPPORTED_MEDIA_TYPE'],
      [{ type: 'request.aborted' }, 'INVALID_BODY'],
      [{ status: 404 }, 'INVALID_BODY'],
      [new Error('boom'), 'INTERNAL'],
    ] as const;
    assert.deepEqual(codes.map(([error]) => problemForFrameworkError(error).code), codes.map(([, code]) => code));
  });
});
