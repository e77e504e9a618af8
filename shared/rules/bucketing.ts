// Bucketing, algorithm 1: MurmurHash3 x86 32-bit (seed 0) of the UTF-8 bytes of `salt/unit`,
// scaled exactly onto 100,000 buckets. test/vectors/bucketing.json pins it for other SDKs.

export const BUCKETS = 100_000;

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;

/**
 * One scratch buffer for every hash: hashing is synchronous, so no two calls use it at once.
 * PERFORMANCE NOTE: encoding into a preallocated byte array, not a growing JS array, halves the
 * cost of bucketing a unit.
 */
let scratch = new Uint8Array(4096);

/** Writes the UTF-8 bytes of `text` at `at` (lone surrogates as U+FFFD, as TextEncoder does); returns the end. */
function writeUtf8(text: string, at: number): number {
  if (scratch.length < at + text.length * 3) {
    const bigger = new Uint8Array(at + text.length * 3);
    bigger.set(scratch.subarray(0, at));
    scratch = bigger;
  }
  const out = scratch;
  let n = at;
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i);
    if (code < 0x80) {
      out[n++] = code;
      continue;
    }
    if (code < 0x800) {
      out[n++] = 0xc0 | (code >> 6);
      out[n++] = 0x80 | (code & 63);
      continue;
    }
    if (code >= 0xd800 && code <= 0xdfff) {
      const next = text.charCodeAt(i + 1);
      if (code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        code = 0x10000 + ((code - 0xd800) << 10) + (next - 0xdc00);
        i++;
        out[n++] = 0xf0 | (code >> 18);
        out[n++] = 0x80 | ((code >> 12) & 63);
        out[n++] = 0x80 | ((code >> 6) & 63);
        out[n++] = 0x80 | (code & 63);
        continue;
      }
      code = 0xfffd;
    }
    out[n++] = 0xe0 | (code >> 12);
    out[n++] = 0x80 | ((code >> 6) & 63);
    out[n++] = 0x80 | (code & 63);
  }
  return n;
}

function mixBlock(h: number, k: number): number {
  k = Math.imul(k, C1);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, C2);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** Mixes the whole blocks of `bytes[from, end)` into `h`. */
function mixBlocks(h: number, bytes: Uint8Array, from: number, end: number): number {
  for (let i = from; i + 4 <= end; i += 4) {
    h = mixBlock(h, bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24));
  }
  return h;
}

/** The tail (the last 0 to 3 bytes before `end`) and the finalisation; `length` is the total bytes hashed. */
function finish(h: number, bytes: Uint8Array, end: number, length: number): number {
  const rest = length & 3;
  const from = end - rest;
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

/** MurmurHash3 x86 32-bit of the UTF-8 bytes of `text`, as an unsigned integer. */
export function murmur3(text: string, seed = 0): number {
  const end = writeUtf8(text, 0);
  return finish(mixBlocks(seed | 0, scratch, 0, end), scratch, end, end);
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
 * so each call encodes and hashes only the unit's bytes (after the salt's last 0 to 3 bytes).
 */
export function bucketerFor(salt: string): (unit: string) => number {
  const prefixLength = writeUtf8(`${salt}/`, 0);
  const whole = prefixLength & ~3;
  const state = mixBlocks(0, scratch, 0, whole);
  const carry = scratch.slice(whole, prefixLength);
  return (unit) => {
    scratch.set(carry, 0);
    const end = writeUtf8(unit, carry.length);
    return bucketOfHash(finish(mixBlocks(state, scratch, 0, end), scratch, end, whole + end));
  };
}
