// Stream tokens: what a browser's EventSource, which cannot send headers, presents instead of its
// SDK key. The evaluate function signs one into each bulk answer's eventStreams URL; the streams
// function verifies it. A token names the key by its hash (the key itself never enters a URL, and
// so never an access log), its environment, and its expiry, under an HMAC-SHA256 of a secret the
// two functions share.
//
// Tokens are minted per epoch of half their lifetime, so every token handed out has at least half
// of it left, and every bulk answer within an epoch carries the same URL (clients keep their open
// stream when the URL is unchanged, and the answer's ETag stays stable).

import { createHmac, timingSafeEqual } from 'node:crypto';
import * as z from 'zod';

export type StreamGrant = { readonly keyHash: string; readonly environment: string; /** epoch ms */ readonly expiresAt: number };
export type TokenRefusal = 'missing' | 'malformed' | 'forged' | 'expired';
export type Verified = { readonly ok: true; readonly grant: StreamGrant } | { readonly ok: false; readonly reason: TokenRefusal };

export type StreamTokens = {
  /** The token of this key and environment for the epoch `now` falls in; `renewAt` is when the next epoch begins (epoch ms). */
  readonly mint: (keyHash: string, environment: string, now: number) => { readonly token: string; readonly expiresAt: number; readonly renewAt: number };
  readonly verify: (token: string | undefined, now: number) => Verified;
};

const VERSION = 'v1';
const PayloadSchema = z.strictObject({ h: z.string().regex(/^[0-9a-f]{64}$/), e: z.string().min(1).max(63), x: z.number().int().positive() });

export function streamTokens(secret: string, lifetimeSeconds: number): StreamTokens {
  if (secret.length < 32) throw new Error('the stream token secret must be at least 32 characters');
  const halfMs = (lifetimeSeconds * 1000) / 2;
  const sign = (body: string) => createHmac('sha256', secret).update(`${VERSION}.${body}`).digest();
  return {
    mint: (keyHash, environment, now) => {
      const epoch = Math.floor(now / halfMs);
      const expiresAt = (epoch + 2) * halfMs;
      const body = Buffer.from(JSON.stringify({ h: keyHash, e: environment, x: expiresAt })).toString('base64url');
      return { token: `${VERSION}.${body}.${sign(body).toString('base64url')}`, expiresAt, renewAt: (epoch + 1) * halfMs };
    },
    verify: (token, now) => {
      if (token === undefined || token === '') return { ok: false, reason: 'missing' };
      const parts = token.split('.');
      if (parts.length !== 3 || parts[0] !== VERSION || token.length > 512) return { ok: false, reason: 'malformed' };
      const [, body, signature] = parts as [string, string, string];
      const given = Buffer.from(signature, 'base64url');
      const expected = sign(body);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'forged' };
      let payload: unknown;
      try {
        payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
      } catch {
        return { ok: false, reason: 'malformed' };
      }
      const parsed = PayloadSchema.safeParse(payload);
      if (!parsed.success) return { ok: false, reason: 'malformed' };
      if (now >= parsed.data.x) return { ok: false, reason: 'expired' };
      return { ok: true, grant: { keyHash: parsed.data.h, environment: parsed.data.e, expiresAt: parsed.data.x } };
    },
  };
}
