// Identity-Aware Proxy: when IAP fronts the admin function, the signed-in user is who a write is
// recorded as. That identity is trusted only from IAP's signed assertion (X-Goog-IAP-JWT-Assertion,
// ES256 by Google's published keys, issuer https://cloud.google.com/iap, the configured audience);
// the plain X-Goog-Authenticated-User-Email header, which any caller can send, is never read.

import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';

export const IAP_KEYS_URL = 'https://www.gstatic.com/iap/verify/public_key-jwk';
const ISSUER = 'https://cloud.google.com/iap';

export type IapIdentity = { readonly ok: true; readonly email: string } | { readonly ok: false; readonly reason: string };
export type IapVerifier = (assertion: string | undefined) => Promise<IapIdentity>;

export type IapOptions = {
  /** `/projects/<number>/global/backendServices/<id>` or `/projects/<number>/apps/<project>`: what IAP signs for. */
  readonly audience: string;
  /** Google's signing keys; tests serve their own. */
  readonly keys: JWTVerifyGetKey;
  readonly now?: () => number;
};

export const remoteIapKeys = (url: string = IAP_KEYS_URL): JWTVerifyGetKey => createRemoteJWKSet(new URL(url), { cooldownDuration: 30_000, cacheMaxAge: 3_600_000 });

export function iapVerifier(options: IapOptions): IapVerifier {
  return async (assertion) => {
    if (assertion === undefined || assertion.length === 0) return { ok: false, reason: 'the request carries no X-Goog-IAP-JWT-Assertion' };
    try {
      const { payload } = await jwtVerify(assertion, options.keys, {
        issuer: ISSUER,
        audience: options.audience,
        algorithms: ['ES256'],
        ...(options.now ? { currentDate: new Date(options.now()) } : {}),
      });
      const email = payload.email;
      if (typeof email !== 'string' || email.length === 0) return { ok: false, reason: 'the assertion names no email' };
      return { ok: true, email };
    } catch (error) {
      if (error instanceof errors.JOSEError) return { ok: false, reason: `the assertion is not valid (${error.code})` };
      throw error;
    }
  };
}
