// The Content-Encoding of a request body: the codings we can decode, each with a streaming and a
// bounded one-shot decoder. Anything else (zstd, compress, stacked codings) is refused before a
// byte of the body is read.

import { createBrotliDecompress, createGunzip, createInflate, brotliDecompressSync, gunzipSync, inflateSync, type ZlibOptions, type BrotliOptions } from 'node:zlib';
import type { Transform } from 'node:stream';

export const CODINGS = ['identity', 'gzip', 'deflate', 'br'] as const;
export type Coding = (typeof CODINGS)[number];

export type CodingResult = { readonly ok: true; readonly coding: Coding } | { readonly ok: false; readonly detail: string };

/** RFC 9110 8.4.1.3: `x-gzip` is gzip. */
const ALIASES: Readonly<Record<string, Coding>> = { identity: 'identity', gzip: 'gzip', 'x-gzip': 'gzip', deflate: 'deflate', br: 'br' };

export function codingOf(header: string | undefined): CodingResult {
  if (header === undefined || header.trim() === '') return { ok: true, coding: 'identity' };
  const names = header.split(',').map((n) => n.trim().toLowerCase()).filter((n) => n !== '' && n !== 'identity');
  if (names.length === 0) return { ok: true, coding: 'identity' };
  // A body compressed twice is a bomb's favourite shape and no client we serve sends one.
  if (names.length > 1) return { ok: false, detail: `send the body with at most one Content-Encoding (${CODINGS.join(', ')}), not "${header}"` };
  const coding = Object.hasOwn(ALIASES, names[0]!) ? ALIASES[names[0]!] : undefined;
  return coding === undefined ? { ok: false, detail: `Content-Encoding "${names[0]}" is not accepted; send ${CODINGS.join(', ')}` } : { ok: true, coding };
}

/** A streaming decoder, or undefined for identity. */
export function decoderFor(coding: Coding): Transform | undefined {
  switch (coding) {
    case 'identity':
      return undefined;
    case 'gzip':
      return createGunzip();
    case 'deflate':
      return createInflate();
    case 'br':
      return createBrotliDecompress();
  }
}

export type DecodeResult = { readonly ok: true; readonly bytes: Buffer } | { readonly ok: false; readonly reason: 'too_large' | 'corrupt'; readonly message: string };

/**
 * Decodes a whole (small) body at once, stopping as soon as the output passes `maxBytes`: zlib's
 * `maxOutputLength` is checked while inflating, so a bomb costs at most `maxBytes` of memory.
 */
export function decodeBounded(coding: Coding, input: Buffer, maxBytes: number): DecodeResult {
  if (coding === 'identity' || input.length === 0) {
    return input.length > maxBytes ? { ok: false, reason: 'too_large', message: `more than ${maxBytes} bytes` } : { ok: true, bytes: input };
  }
  const options: ZlibOptions & BrotliOptions = { maxOutputLength: Math.max(1, maxBytes) };
  try {
    const bytes = coding === 'gzip' ? gunzipSync(input, options) : coding === 'deflate' ? inflateSync(input, options) : brotliDecompressSync(input, options);
    return { ok: true, bytes };
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ERR_BUFFER_TOO_LARGE') return { ok: false, reason: 'too_large', message: `more than ${maxBytes} bytes once decoded` };
    return { ok: false, reason: 'corrupt', message: `the body is not valid ${coding}: ${error instanceof Error ? error.message : String(error)}` };
  }
}
