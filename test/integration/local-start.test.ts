// `node scripts/local/start.ts` as a newcomer meets it: what stops a start is one line on stderr
// and exit 1; a running product listens on 127.0.0.1, runs aggregation only for an admin key, and
// every answer of every function (any status: 2xx, 204, 304, problems, health) says nosniff.

import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';

const START = new URL('../../scripts/local/start.ts', import.meta.url).pathname;
const SDK_KEY = 'local-sdk-key-for-tests-01';
const ADMIN_KEY = 'local-admin-key-for-tests-01';

function spawnStart(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, [START], { env: { ...process.env, LOG_LEVEL: 'error', SWITCHYARD_SDK_KEY: SDK_KEY, SWITCHYARD_ADMIN_KEY: ADMIN_KEY, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
}

function finished(child: ChildProcess): Promise<{ code: number | null; stderr: string }> {
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stderr })));
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('npm start (scripts/local/start.ts)', function () {
  this.timeout(60_000);

  describe('refusing to start', () => {
    let busy: Server;
    before(async () => {
      busy = createServer();
      await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    });
    after(() => new Promise((resolve) => busy.close(resolve)));

    const cases: [string, () => Record<string, string>, RegExp][] = [
      ['a busy port', () => ({ PORT: String((busy.address() as AddressInfo).port) }), /port \d+ on 127\.0\.0\.1 is in use/],
      ['a short SWITCHYARD_SDK_KEY', () => ({ SWITCHYARD_SDK_KEY: 'short' }), /SWITCHYARD_SDK_KEY: must be at least 16 characters/],
      ['a short SWITCHYARD_ADMIN_KEY', () => ({ SWITCHYARD_ADMIN_KEY: 'short-admin' }), /SWITCHYARD_ADMIN_KEY: must be at least 16 characters/],
      ['a PORT that is not a number', () => ({ PORT: 'eighty' }), /invalid configuration: PORT: /],
      ['an unknown SWITCHYARD_STORE', () => ({ SWITCHYARD_STORE: 'postgres' }), /invalid configuration: SWITCHYARD_STORE: /],
    ];
    for (const [title, env, message] of cases) {
      it(`${title}: one line on stderr, nothing else there, exit code 1`, async () => {
        const { code, stderr } = await finished(spawnStart({ PORT: '0', ...env() }));
        assert.equal(code, 1);
        assert.equal(stderr.split('\n').filter((l) => l.length > 0).length, 1, stderr);
        assert.ok(stderr.endsWith('\n') && !stderr.includes('    at '), stderr);
        assert.match(stderr, message);
      });
    }
  });

  describe('a running product', () => {
    let child: ChildProcess;
    let base: string;
    before(async () => {
      const port = await freePort();
      child = spawnStart({ PORT: String(port) });
      let out = '';
      await new Promise<void>((resolve, reject) => {
        child.stdout!.on('data', (d: Buffer) => {
          out += d.toString();
          if (out.includes('Switchyard is running')) resolve();
        });
        child.on('exit', (code) => reject(new Error(`start exited with ${code}`)));
      });
      assert.match(out, new RegExp(`http://127\\.0\\.0\\.1:${port}/evaluate`));
      base = `http://127.0.0.1:${port}`;
    });
    after(() => {
      child.kill('SIGTERM');
    });

    const sdk = { authorization: `Bearer ${SDK_KEY}`, 'content-type': 'application/json' };
    const admin = { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' };

    it('runs aggregation for an admin key only: 401 without a key, 403 for an SDK key, 200 for the admin key', async () => {
      assert.equal((await fetch(`${base}/aggregate/run`, { method: 'POST' })).status, 401);
      assert.equal((await fetch(`${base}/aggregate/`, { method: 'POST' })).status, 401);
      assert.equal((await fetch(`${base}/aggregate/run`, { method: 'POST', headers: { authorization: `Bearer ${SDK_KEY}` } })).status, 403);
      assert.equal((await fetch(`${base}/aggregate/run`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_KEY}` } })).status, 200);
    });

    it('answers with X-Content-Type-Options: nosniff on every function and status', async () => {
      const bulk = await fetch(`${base}/evaluate/ofrep/v1/evaluate/flags`, { method: 'POST', headers: sdk, body: '{"context":{"targetingKey":"u"}}' });
      const etag = bulk.headers.get('etag')!;
      const requests: [string, string, RequestInit, number][] = [
        ['evaluate bulk', '/evaluate/ofrep/v1/evaluate/flags', { method: 'POST', headers: sdk, body: '{"context":{"targetingKey":"u"}}' }, 200],
        ['evaluate 304', '/evaluate/ofrep/v1/evaluate/flags', { method: 'POST', headers: { ...sdk, 'if-none-match': etag }, body: '{"context":{"targetingKey":"u"}}' }, 304],
        ['evaluate 404 flag', '/evaluate/ofrep/v1/evaluate/flags/nope', { method: 'POST', headers: sdk, body: '{"context":{"targetingKey":"u"}}' }, 404],
        ['evaluate 401', '/evaluate/ofrep/v1/evaluate/flags', { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } }, 401],
        ['evaluate malformed JSON (framework)', '/evaluate/ofrep/v1/evaluate/flags', { method: 'POST', headers: sdk, body: '{"context":' }, 400],
        ['evaluate track 202', '/evaluate/v1/track', { method: 'POST', headers: sdk, body: '{"targetingKey":"u","event":"e"}' }, 202],
        ['evaluate health', '/evaluate/healthz', {}, 200],
        ['evaluate readiness', '/evaluate/readyz', {}, 200],
        ['CORS preflight 204', '/admin/v1/environments', { method: 'OPTIONS', headers: { origin: 'http://localhost:8080', 'access-control-request-method': 'GET' } }, 204],
        ['admin list', '/admin/v1/environments', { headers: admin }, 200],
        ['admin 405', '/admin/v1/environments', { method: 'DELETE', headers: admin }, 405],
        ['admin 428', '/admin/v1/environments/development/flags/dark-mode', { method: 'PUT', headers: admin, body: '{}' }, 428],
        ['validate', '/validate/v1/rules/validate', { method: 'POST', headers: admin, body: '{"condition":{"attr":"a","op":"exists"}}' }, 200],
        ['validate 415', '/validate/v1/rules/validate', { method: 'POST', headers: { ...admin, 'content-type': 'text/plain' }, body: 'x' }, 415],
        ['preview 404', '/preview/v1/rules/preview', { method: 'POST', headers: admin, body: '{"flagKey":"constructor","users":[{}]}' }, 404],
        ['preview templates', '/preview/v1/rules/templates', { headers: admin }, 200],
        ['streams 401', '/streams/v1/streams/changes', {}, 401],
        ['aggregate 401', '/aggregate/run', { method: 'POST' }, 401],
        ['console config', '/console/config.json', {}, 200],
        ['console health', '/console/healthz', {}, 200],
        ['no such function', '/nowhere', {}, 404],
      ];
      for (const [title, path, init, status] of requests) {
        const res = await fetch(base + path, init);
        await res.arrayBuffer();
        assert.equal(res.status, status, `${title}: status`);
        assert.equal(res.headers.get('x-content-type-options'), 'nosniff', `${title}: nosniff`);
      }
    });
  });
});
