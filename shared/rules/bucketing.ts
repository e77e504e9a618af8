// Bucketing, algorithm 1: MurmurHash3 x86 32-bit (seed 0) of the UTF-8 bytes of `salt/unit`,
// scaled exactly onto 100,000 buckets. test/vectors/bucketing.json pins it for other SDKs.

export const BUCKETS = 100_000;

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;

/** UTF-8 bytes of a string, lone surrogates as U+FFFD (as TextEncoder does). */
function utf8(text: string, out: number[]): void {
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i);
    if (code < 0x80) {
      out.push(code);
      continue;
    }
    if (code < 0x800) {
      out.push(0xc0 | (code >> 6), 0x80 | (code & 63));
      continue;
    }
    if (code >= 0xd800 && code <= 0xdfff) {
      const next = text.charCodeAt(i + 1);
      if (code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        code = 0x10000 + ((code - 0xd800) << 10) + (next - 0xdc00);
        i++;
        out.push(0xf0 | (code >> 18), 0x80 | ((code >> 12) & 63), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63));
        continue;
      }
      code = 0xfffd;
    }
    out.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63));
  }
}

function mixBlock(h: number, k: number): number {
  k = Math.imul(k, C1);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, C2);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

function finish(h: number, bytes: readonly number[], from: number, length: number): number {
  const rest = bytes.length - from;
  let k = 0;
  if (rest === 3) k ^= bytes[from + 2]! << 16;
  if (rest >= 2) k ^= bytes[from + 1]! << 8;
  if (rest >= 1) {
    k ^= bytes[from]!;
    k = Math.imul(k, C1);
    k = (k << 15) | (k >>> 17);
    h ^= Math.imul(k, C2);
  }
  h ^= length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function hashBytes(bytes: readonly number[], seed: number): number {
  let h = seed | 0;
  const blocks = bytes.length & ~3;
  for (let i = 0; i < blocks; i += 4) {
    h = mixBlock(h, bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24));
  }
  return finish(h, bytes, blocks, bytes.length);
}

/** MurmurHash3 x86 32-bit of the UTF-8 bytes of `text`, as an unsigned integer. */
export function murmur3(text: string, seed = 0): number {
  const bytes: number[] = [];
  utf8(text, bytes);
  return hashBytes(bytes, seed);
}

/** `floor(hash * 100000 / 2^32)`: exact, since the product stays below 2^53. */
export function bucketOfHash(hash: number): number {
  return Math.floor((hash * BUCKETS) / 4294967296);
}

/** The bucket (0..99,999) of a unit under a salt. */
export function bucketFor(salt: string, unit: string): number {
  return bucketOfHash(murmur3(`${salt}/${unit}`));
}

/**
 * A bucketer for one salt. PERFORMANCE NOTE: the salt's whole 4-byte blocks are mixed once here,
 * so each call hashes only the unit's bytes.
 */
export function bucketerFor(salt: string): (unit: string) => number {
  const prefix: number[] = [];
  utf8(`${salt}/`, prefix);
  const whole = prefix.length & ~3;
  let state = 0;
  for (let i = 0; i < whole; i += 4) {
    state = mixBlock(state, prefix[i]! | (prefix[i + 1]! << 8) | (prefix[i + 2]! << 16) | (prefix[i + 3]! << 24));
  }
  const carry = prefix.slice(whole);
  const bytes: number[] = [];
  return (unit) => {
    bytes.length = 0;
    for (const b of carry) bytes.push(b);
    utf8(unit, bytes);
    let h = state;
    const blocks = bytes.length & ~3;
    for (let i = 0; i < blocks; i += 4) {
      h = mixBlock(h, bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24));
    }
    return bucketOfHash(finish(h, bytes, blocks, whole + bytes.length));
  };
}
