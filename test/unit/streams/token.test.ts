import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import { streamTokens } from '../../../shared/streams/token.ts';

const SECRET = 'a-stream-secret-of-at-least-32-characters';
const HASH = createHash('sha256').update('sdk-key-for-tests-0001').digest('hex');
const LIFETIME_S = 3600;
const HALF_MS = (LIFETIME_S * 1000) / 2;
const T0 = Date.parse('2026-11-23T12:10:00Z');

const tokens = streamTokens(SECRET, LIFETIME_S);
/** A token signed with the right secret around any body: what only the service could issue. */
const signed = (body: string) => `v1.${body}.${createHmac('sha256', SECRET).update(`v1.${body}`).digest('base64url')}`;
const b64 = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

describe('stream tokens', () => {
  it('grants what it was minted for: the key hash, the environment and the expiry', () => {
    const minted = tokens.mint(HASH, 'production', T0);
    assert.deepEqual(tokens.verify(minted.token, T0), { ok: true, grant: { keyHash: HASH, environment: 'production', expiresAt: minted.expiresAt } });
  });

  it('hands out the same token within an epoch of half the lifetime, with at least half of it left', () => {
    const first = tokens.mint(HASH, 'production', T0);
    const epochStart = Math.floor(T0 / HALF_MS) * HALF_MS;
    assert.equal(tokens.mint(HASH, 'production', epochStart).token, first.token);
    assert.equal(tokens.mint(HASH, 'production', first.renewAt - 1).token, first.token);
    assert.equal(first.renewAt, epochStart + HALF_MS);
    assert.equal(first.expiresAt, epochStart + 2 * HALF_MS);
    assert.ok(first.expiresAt - (first.renewAt - 1) > HALF_MS, 'a token handed out at the end of its epoch still has half the lifetime');
    const next = tokens.mint(HASH, 'production', first.renewAt);
    assert.notEqual(next.token, first.token);
    assert.equal(next.expiresAt, first.expiresAt + HALF_MS);
  });

  it('never carries the key, and differs per key and per environment', () => {
    const minted = tokens.mint(HASH, 'production', T0);
    assert.ok(!minted.token.includes('sdk-key-for-tests-0001'));
    assert.ok(!Buffer.from(minted.token.split('.')[1]!, 'base64url').toString().includes('sdk-key'));
    assert.notEqual(tokens.mint(HASH, 'staging', T0).token, minted.token);
    assert.notEqual(tokens.mint('0'.repeat(64), 'production', T0).token, minted.token);
  });

  it('refuses a token at and after its expiry', () => {
    const minted = tokens.mint(HASH, 'production', T0);
    assert.equal(tokens.verify(minted.token, minted.expiresAt - 1).ok, true);
    assert.deepEqual(tokens.verify(minted.token, minted.expiresAt), { ok: false, reason: 'expired' });
    assert.deepEqual(tokens.verify(minted.token, minted.expiresAt + 86_400_000), { ok: false, reason: 'expired' });
  });

  it('refuses a token whose signature or body was changed, or that another secret signed', () => {
    const minted = tokens.mint(HASH, 'production', T0);
    const [version, body, signature] = minted.token.split('.') as [string, string, string];
    const flipped = `${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BA' : 'AA'}`;
    assert.deepEqual(tokens.verify(`${version}.${body}.${flipped}`, T0), { ok: false, reason: 'forged' });
    assert.deepEqual(tokens.verify(`${version}.${body}.`, T0), { ok: false, reason: 'forged' });
    const otherEnvironment = b64({ h: HASH, e: 'staging', x: minted.expiresAt });
    assert.deepEqual(tokens.verify(`${version}.${otherEnvironment}.${signature}`, T0), { ok: false, reason: 'forged' });
    const longer = b64({ h: HASH, e: 'production', x: minted.expiresAt + 10 * HALF_MS });
    assert.deepEqual(tokens.verify(`${version}.${longer}.${signature}`, T0), { ok: false, reason: 'forged' });
    const elsewhere = streamTokens('another-secret-of-at-least-32-characters', LIFETIME_S).mint(HASH, 'production', T0);
    assert.deepEqual(tokens.verify(elsewhere.token, T0), { ok: false, reason: 'forged' });
  });

  it('tells a missing token from a malformed one', () => {
    assert.deepEqual(tokens.verify(undefined, T0), { ok: false, reason: 'missing' });
    assert.deepEqual(tokens.verify('', T0), { ok: false, reason: 'missing' });
    const minted = tokens.mint(HASH, 'production', T0).token;
    const x = T0 + HALF_MS;
    const table: [string, string][] = [
      ['no dots', 'garbage'],
      ['two parts', minted.split('.').slice(0, 2).join('.')],
      ['four parts', `${minted}.more`],
      ['another version', minted.replace(/^v1\./, 'v2.')],
      ['too long', signed(b64({ h: HASH, e: 'p'.repeat(600), x }))],
      ['a body that is not JSON', signed(b64('not json'))],
      ['a payload that is not an object', signed(b64([HASH, 'production', x]))],
      ['a hash that is not hex sha-256', signed(b64({ h: 'abc', e: 'production', x }))],
      ['no environment', signed(b64({ h: HASH, e: '', x }))],
      ['an expiry that is not a whole number', signed(b64({ h: HASH, e: 'production', x: 'soon' }))],
      ['an unknown member', signed(b64({ h: HASH, e: 'production', x, admin: true }))],
    ];
    for (const [what, token] of table) assert.deepEqual(tokens.verify(token, T0), { ok: false, reason: 'malformed' }, what);
  });

  it('will not sign with a short secret', () => {
    assert.throws(() => streamTokens('too-short', LIFETIME_S), /at least 32 characters/);
  });
});
