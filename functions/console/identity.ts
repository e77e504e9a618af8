// The signed-in user as Identity-Aware Proxy names them. Only meaningful behind IAP, which sets
// the header itself and strips any the client sent; elsewhere it is absent and shown as nobody.

import type { IncomingHttpHeaders } from 'node:http';

const IAP_EMAIL_HEADER = 'x-goog-authenticated-user-email';

export function iapIdentity(headers: IncomingHttpHeaders): string | null {
  const raw = headers[IAP_EMAIL_HEADER];
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (typeof value !== 'string' || value.length === 0 || value.length > 320) return null;
  return value.replace(/^accounts\.google\.com:/, '');
}
