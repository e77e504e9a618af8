// CORS: evaluation answers any origin (browser SDKs hold client-side keys); the console's APIs
// answer only the console's origins.

import type { HttpRequest, HttpResponse } from './types.ts';

export type CorsPolicy = { readonly origins: '*' | readonly string[] };

const ALLOWED_HEADERS = 'Authorization, X-API-Key, Content-Type, If-None-Match, If-Match, X-Change-Comment, X-Request-Id, traceparent, Last-Event-ID';
const EXPOSED_HEADERS = 'ETag, X-Request-Id, Retry-After, Location';

/** Sets the CORS headers of an answer; true when the request was a preflight, now answered. */
export function applyCors(policy: CorsPolicy, request: HttpRequest, response: HttpResponse): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return false;
  const allowed = policy.origins === '*' || policy.origins.includes(origin);
  if (!allowed) return false;
  response.setHeader('Access-Control-Allow-Origin', policy.origins === '*' ? '*' : origin);
  if (policy.origins !== '*') response.setHeader('Vary', 'Origin');
  response.setHeader('Access-Control-Expose-Headers', EXPOSED_HEADERS);
  if (request.method !== 'OPTIONS' || request.headers['access-control-request-method'] === undefined) return false;
  response.setHeader('Access-Control-Allow-Methods', 'GET, POST, PUT, PATCH, DELETE, OPTIONS');
  response.setHeader('Access-Control-Allow-Headers', ALLOWED_HEADERS);
  response.setHeader('Access-Control-Max-Age', '600');
  response.statusCode = 204;
  response.end();
  return true;
}
