import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConsoleFunction } from '../../../functions/console/app.ts';
import { consoleSettings } from '../../../shared/config/console-config.ts';
import { readRuntimeConfig } from '../../../shared/config/runtime-config.ts';
import { loadStaticAssets } from '../../../functions/console/static-assets.ts';
import { acceptsGzip } from '../../../functions/console/static-route.ts';
import { serveFunction, type RunningFunction } from '../../helpers/function-server.ts';
import { testTelemetry } from '../../helpers/telemetry.ts';

describe('console function', () => {
  let fn: RunningFunction;
  before(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'console-static-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><script>boot()</script><script type="module" src="app-abcdef1234.js"></script>');
    writeFileSync(join(dir, 'app-abcdef1234.js'), 'console.log("app");'.repeat(50));
    fn = await serveFunction('console', createConsoleFunction({ config: consoleSettings(readRuntimeConfig({ SWITCHYARD_STAGE: 'test', SWITCHYARD_ADMIN_URL: 'https://admin.example.test/' })), assets: loadStaticAssets(dir), telemetry: testTelemetry('console') }));
  });
  after(() => fn.close());

  it('serves the page with a CSP that allows only its own scripts and the hashed bootstrap', async () => {
    const response = await fetch(`${fn.url}/`);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('cache-control'), 'no-cache');
    const csp = response.headers.get('content-security-policy') ?? '';
    assert.match(csp, /script-src 'self' 'sha256-[A-Za-z0-9+/=]+'/);
    assert.match(csp, /connect-src 'self' https:\/\/admin\.example\.test/);
  });
  it('serves content-hashed bundles gzipped and immutable, and answers 304 to their ETag', async () => {
    const response = await fetch(`${fn.url}/app-abcdef1234.js`, { headers: { 'Accept-Encoding': 'gzip' } });
    assert.equal(response.headers.get('content-encoding'), 'gzip');
    assert.equal(response.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    // fetch undoes the gzip it was sent.
    assert.match(await response.text(), /^console\.log/);
    const again = await fetch(`${fn.url}/app-abcdef1234.js`, { headers: { 'If-None-Match': response.headers.get('etag')! } });
    assert.equal(again.status, 304);
  });
  it('gives the API bases and the IAP identity in config.json', async () => {
    const response = await fetch(`${fn.url}/config.json`, { headers: { 'X-Goog-Authenticated-User-Email': 'accounts.google.com:pm@example.test' } });
    assert.deepEqual(await response.json(), { adminUrl: 'https://admin.example.test', validateUrl: '/validate', previewUrl: '/preview', identity: 'pm@example.test' });
    assert.equal(response.headers.get('cache-control'), 'no-store');
  });
  it('answers an unknown file with a problem, and the health endpoints', async () => {
    const missing = await fetch(`${fn.url}/nope.js`);
    assert.equal(missing.status, 404);
    assert.equal(missing.headers.get('content-type'), 'application/problem+json');
    assert.equal((await fetch(`${fn.url}/healthz`)).status, 200);
    assert.equal((await fetch(`${fn.url}/readyz`)).status, 200);
  });
  it('refuses a malformed API URL at cold start, naming the variable', () => {
    assert.throws(() => readRuntimeConfig({ SWITCHYARD_STAGE: 'test', SWITCHYARD_PREVIEW_URL: 'ftp://x' }), /SWITCHYARD_PREVIEW_URL/);
  });
  it('reads Accept-Encoding with q-values', () => {
    assert.equal(acceptsGzip('br, gzip;q=0.5'), true);
    assert.equal(acceptsGzip('gzip;q=0, br'), false);
    assert.equal(acceptsGzip(undefined), false);
  });
});
