// Forged actors: the admin function records a write as an Identity-Aware Proxy user only when IAP
// is configured and its signed assertion verifies against the published keys (served here over
// loopback HTTP, as Google serves its JWKS); a plain identity header is never trusted.

import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { iapVerifier, remoteIapKeys } from '../../../shared/http/iap.ts';
import { flagPath, serveAdmin, type AdminServer } from './fixture.ts';

const AUDIENCE = '/projects/123456/global/backendServices/789';
const aFlag = (key: string) => ({ key, enabled: true, variants: { on: true, off: false }, offVariant: 'off', defaultVariant: 'off' });

describe('admin: Identity-Aware Proxy identities', () => {
  let jwks: Server;
  let signing: CryptoKey;
  let stranger: CryptoKey;
  let server: AdminServer;
  const now = Date.parse('2026-03-10T12:00:00Z');

  before(async () => {
    const ours = await generateKeyPair('ES256');
    signing = ours.privateKey;
    stranger = (await generateKeyPair('ES256')).privateKey;
    const jwk = { ...(await exportJWK(ours.publicKey)), kid: 'iap-1', alg: 'ES256' };
    jwks = createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ keys: [jwk] })));
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/keys`;
    server = await serveAdmin(() => now, { iap: iapVerifier({ audience: AUDIENCE, keys: remoteIapKeys(url), now: () => now }) });
  });
  after(async () => {
    await server.close();
    await new Promise((resolve) => jwks.close(resolve));
  });

  const assertion = (claims: Record<string, unknown>, options: { key?: CryptoKey; audience?: string; issuer?: string; expiresAt?: number } = {}) =>
    new SignJWT({ email: 'alice@example.com', ...claims })
      .setProtectedHeader({ alg: 'ES256', kid: 'iap-1' })
      .setIssuer(options.issuer ?? 'https://cloud.google.com/iap')
      .setAudience(options.audience ?? AUDIENCE)
      .setIssuedAt(Math.floor(now / 1000) - 10)
      .setExpirationTime(Math.floor((options.expiresAt ?? now + 600_000) / 1000))
      .sign(options.key ?? signing);

  const put = (key: string, headers: Record<string, string>) => server.call('PUT', flagPath(key), { ifMatch: 0, headers, body: { flag: aFlag(key) } });

  it('records the verified user as the actor, with the key id beside it', async () => {
    const res = await put('by-alice', { 'x-goog-iap-jwt-assertion': await assertion({}), 'x-goog-authenticated-user-email': 'accounts.google.com:mallory@example.com' });
    assert.equal(res.status, 201);
    const history = (await (await server.call('GET', `${flagPath('by-alice')}/versions`, { headers: { 'x-goog-iap-jwt-assertion': await assertion({}) } })).json()) as { versions: { actor: string; keyId?: string }[] };
    assert.deepEqual([history.versions[0]?.actor, history.versions[0]?.keyId], ['alice@example.com', 'key-1']);
  });

  const forgeries: [string, () => Promise<Record<string, string>>][] = [
    ['no assertion, only the plain identity header', async () => ({ 'x-goog-authenticated-user-email': 'accounts.google.com:mallory@example.com' })],
    ['an assertion signed by another key', async () => ({ 'x-goog-iap-jwt-assertion': await assertion({}, { key: stranger }) })],
    ['an assertion for another audience', async () => ({ 'x-goog-iap-jwt-assertion': await assertion({}, { audience: '/projects/1/global/backendServices/2' }) })],
    ['an assertion from another issuer', async () => ({ 'x-goog-iap-jwt-assertion': await assertion({}, { issuer: 'https://evil.example' }) })],
    ['an expired assertion', async () => ({ 'x-goog-iap-jwt-assertion': await assertion({}, { expiresAt: now - 60_000 }) })],
    ['an assertion naming no email', async () => ({ 'x-goog-iap-jwt-assertion': await assertion({ email: '' }) })],
    ['garbage', async () => ({ 'x-goog-iap-jwt-assertion': 'not.a.jwt' })],
  ];
  for (const [what, headers] of forgeries) {
    it(`refuses ${what} with 401 and writes nothing`, async () => {
      const key = `forged-${forgeries.findIndex(([w]) => w === what)}`;
      const res = await put(key, await headers());
      assert.equal(res.status, 401);
      const problem = (await res.json()) as { code: string; detail: string };
      assert.equal(problem.code, 'UNAUTHORIZED');
      assert.match(problem.detail, /Identity-Aware Proxy/);
      assert.equal((await server.call('GET', flagPath(key), { headers: { 'x-goog-iap-jwt-assertion': await assertion({}) } })).status, 404);
    });
  }
});
