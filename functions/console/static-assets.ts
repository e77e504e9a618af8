// The console's browser files (built by scripts/build-console.ts), read into memory once at cold
// start with their gzip form, a content hash for ETag, and the hashes of inline scripts for CSP.

import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { gzipSync } from 'node:zlib';

export type StaticAsset = {
  readonly name: string;
  readonly contentType: string;
  readonly body: Buffer;
  readonly gzipped: Buffer;
  readonly etag: string;
};

export type StaticAssets = {
  readonly files: ReadonlyMap<string, StaticAsset>;
  /** `'sha256-…'` of each inline `<script>` in index.html, for the CSP's script-src. */
  readonly inlineScriptHashes: readonly string[];
};

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

export function inlineScriptHashes(html: string): string[] {
  const hashes: string[] = [];
  for (const match of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)) {
    hashes.push(`'sha256-${createHash('sha256').update(match[1] ?? '').digest('base64')}'`);
  }
  return hashes;
}

/** A folder that does not exist gives no files: the function still answers, with a problem saying to build. */
export function loadStaticAssets(dir: string): StaticAssets {
  const files = new Map<string, StaticAsset>();
  if (!existsSync(dir)) return { files, inlineScriptHashes: [] };
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const type = CONTENT_TYPES[extname(entry.name)];
    if (!entry.isFile() || type === undefined) continue;
    const body = readFileSync(join(dir, entry.name));
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
    files.set(entry.name, { name: entry.name, contentType: type, body, gzipped: gzipSync(body, { level: 9 }), etag });
  }
  const index = files.get('index.html');
  return { files, inlineScriptHashes: index ? inlineScriptHashes(index.body.toString('utf8')) : [] };
}
