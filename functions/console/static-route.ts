// Answers for the console's files: gzip when the browser accepts it, ETag revalidation, and
// cache lifetimes by kind (content-hashed bundles forever, the page itself always revalidated).

import type { HttpRequest, HttpResponse } from '../../shared/http/types.ts';
import type { StaticAsset } from './static-assets.ts';

/** `app-3f9a1c2b.js`: the build names bundles after their content, so they never change. */
const HASHED_NAME = /-[A-Za-z0-9_]{8,}\.(js|css)$/;

export function cacheControlFor(name: string): string {
  return HASHED_NAME.test(name) ? 'public, max-age=31536000, immutable' : 'no-cache';
}

export function acceptsGzip(header: string | string[] | undefined): boolean {
  const value = Array.isArray(header) ? header.join(',') : header ?? '';
  return value.split(',').some((part) => {
    const [coding, ...params] = part.trim().split(';');
    if (coding?.trim().toLowerCase() !== 'gzip') return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

export function sendAsset(request: HttpRequest, response: HttpResponse, asset: StaticAsset, headers: Readonly<Record<string, string>>): void {
  for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
  response.setHeader('Content-Type', asset.contentType);
  response.setHeader('Cache-Control', cacheControlFor(asset.name));
  response.setHeader('ETag', asset.etag);
  response.setHeader('Vary', 'Accept-Encoding');
  if (request.headers['if-none-match'] === asset.etag) {
    response.statusCode = 304;
    response.end();
    return;
  }
  const gzip = acceptsGzip(request.headers['accept-encoding']);
  if (gzip) response.setHeader('Content-Encoding', 'gzip');
  response.statusCode = 200;
  response.end(request.method === 'HEAD' ? undefined : gzip ? asset.gzipped : asset.body);
}
