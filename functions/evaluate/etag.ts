// ETags for bulk answers: a 64-bit digest of the answer's text, built from a digest of each flag's
// part. PERFORMANCE NOTE: parts that never change are digested once (see ofrep-mapping.ts), so an
// ETag costs a few arithmetic steps per flag instead of hashing the whole answer; it depends only
// on the text, so every instance gives the same answer the same ETag.

export type Digest = readonly [number, number];

/** Two independent 32-bit digests (FNV-1a and a multiply-rotate) of a text's UTF-16 code units. */
export function digestOf(text: string): Digest {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  return [a >>> 0, b >>> 0];
}

/** Folds the parts' digests, in order, into one ETag for a flag-set version. */
export function etagOf(version: number, parts: readonly Digest[]): string {
  let a = 0x811c9dc5 ^ version;
  let b = 0x9747b28c ^ parts.length;
  // Each pair read by index, not destructured: destructuring walks the iterator protocol, and its
  // iterator objects were 11 KB of the 36 KB a bulk answer of 100 flags left as garbage.
  for (const part of parts) {
    a = Math.imul((a ^ part[0]) >>> 0, 0x01000193);
    a ^= a >>> 13;
    b = Math.imul((b ^ part[1]) >>> 0, 0x5bd1e995);
    b ^= b >>> 15;
  }
  return `"${version}-${(a >>> 0).toString(36)}${(b >>> 0).toString(36)}"`;
}
