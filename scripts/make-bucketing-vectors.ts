// Writes test/vectors/bucketing.json with a reference MurmurHash3 x86 32 written apart from
// shared/rules/bucketing.ts (bytes from TextEncoder, BigInt arithmetic), so the vectors pin the
// algorithm rather than echo our implementation. Run: node scripts/make-bucketing-vectors.ts

import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { mulberry32 } from '../shared/seeded-random.ts';

const MASK = 0xffffffffn;
const C1 = 0xcc9e2d51n;
const C2 = 0x1b873593n;

const mul = (a: bigint, b: bigint): bigint => (a * b) & MASK;
const rotl = (x: bigint, r: bigint): bigint => ((x << r) | (x >> (32n - r))) & MASK;
const rotr = (x: bigint, r: bigint): bigint => ((x >> r) | (x << (32n - r))) & MASK;

function scramble(k: bigint): bigint {
  return mul(rotl(mul(k, C1), 15n), C2);
}

function mixBlock(h: bigint, k: bigint): bigint {
  return (mul(rotl(h ^ scramble(k), 13n), 5n) + 0xe6546b64n) & MASK;
}

function fmix(h: bigint): bigint {
  h ^= h >> 16n;
  h = mul(h, 0x85ebca6bn);
  h ^= h >> 13n;
  h = mul(h, 0xc2b2ae35n);
  return h ^ (h >> 16n);
}

/** The state after the whole 4-byte blocks of `bytes`, little-endian. */
function mixBlocks(bytes: Uint8Array, seed: bigint): bigint {
  let h = seed & MASK;
  for (let i = 0; i + 4 <= bytes.length; i += 4) {
    h = mixBlock(h, BigInt(bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16)) | (BigInt(bytes[i + 3]!) << 24n));
  }
  return h;
}

/** MurmurHash3 x86 32 of a byte array, as Austin Appleby's MurmurHash3_x86_32 computes it. */
export function referenceMurmur3Bytes(bytes: Uint8Array, seed = 0): number {
  let h = mixBlocks(bytes, BigInt(seed));
  const tail = bytes.length & ~3;
  let k = 0n;
  for (let i = bytes.length - 1; i >= tail; i--) k = (k << 8n) | BigInt(bytes[i]!);
  if (bytes.length > tail) h ^= scramble(k);
  return Number(fmix(h ^ BigInt(bytes.length)));
}

export function referenceMurmur3(text: string, seed = 0): number {
  return referenceMurmur3Bytes(new TextEncoder().encode(text), seed);
}

/** `floor(hash * 100000 / 2^32)` in exact integer arithmetic. */
export function referenceBucket(hash: number): number {
  return Number((BigInt(hash) * 100_000n) >> 32n);
}

export type BucketingVector = { salt: string; unit: string; hash: number; bucket: number };

export function vectorOf(salt: string, unit: string): BucketingVector {
  const hash = referenceMurmur3(`${salt}/${unit}`);
  return { salt, unit, hash, bucket: referenceBucket(hash) };
}

// Published MurmurHash3_x86_32 values (seed 0 unless given), checked before anything is written.
const PUBLISHED: readonly [string, number, number][] = [
  ['', 0, 0],
  ['', 1, 0x514e28b7],
  ['', 0xffffffff, 0x81f16f39],
  ['hello', 0, 0x248bfa47],
  ['Hello, world!', 0, 0xc0363e43],
  ['The quick brown fox jumps over the lazy dog', 0, 0x2e4ff723],
  ['abc', 0, 0xb3dd93fa],
  ['\0\0\0\0', 0, 0x2362f9de],
  ['a', 0x9747b28c, 0x7fa09ea6],
  ['aa', 0x9747b28c, 0x5d211726],
  ['aaa', 0x9747b28c, 0x283e0130],
  ['aaaa', 0x9747b28c, 0x5a97808a],
  ['abc', 0x9747b28c, 0xc84a62dd],
  ['Hello, world!', 0x9747b28c, 0x24884cba],
  ['The quick brown fox jumps over the lazy dog', 0x9747b28c, 0x2fa826cd],
];

export function checkPublished(): void {
  for (const [text, seed, expected] of PUBLISHED) {
    const got = referenceMurmur3(text, seed);
    if (got !== expected) throw new Error(`reference murmur3(${JSON.stringify(text)}, ${seed}) = 0x${got.toString(16)}, published 0x${expected.toString(16)}`);
  }
}

const inverse = (odd: bigint): bigint => {
  // Newton's iteration for the inverse of an odd number modulo 2^32.
  let x = odd;
  for (let i = 0; i < 5; i++) x = (x * (2n - odd * x)) & MASK;
  return x;
};

function unfmix(h: bigint): bigint {
  h ^= h >> 16n;
  h = mul(h, inverse(0xc2b2ae35n));
  h ^= (h >> 13n) ^ (h >> 26n);
  h = mul(h, inverse(0x85ebca6bn));
  return h ^ (h >> 16n);
}

/** The block that takes state `h` to state `target`. */
function blockBetween(h: bigint, target: bigint): bigint {
  const mixed = rotr(mul((target - 0xe6546b64n) & MASK, inverse(5n)), 13n) ^ h;
  return mul(rotr(mul(mixed, inverse(C2)), 15n), inverse(C1));
}

/**
 * A printable-ASCII unit whose `salt/unit` hashes to exactly `target`: the last 4-byte block is
 * solved for by inverting the finalizer and the block mix; the filler before it varies until that
 * block is printable.
 */
export function unitWithHash(salt: string, target: number, random: () => number): string {
  const encoder = new TextEncoder();
  const prefixLength = encoder.encode(`${salt}/`).length;
  for (let attempt = 0; attempt < 1_000_000; attempt++) {
    let filler = 'edge-';
    while ((prefixLength + filler.length + 4) % 4 !== 0) filler += String.fromCharCode(97 + Math.floor(random() * 26));
    for (let i = 0; i < 4; i++) filler += String.fromCharCode(97 + Math.floor(random() * 26));
    const bytes = encoder.encode(`${salt}/${filler}`);
    const length = BigInt(bytes.length + 4);
    const block = blockBetween(mixBlocks(bytes, 0n), unfmix(BigInt(target)) ^ length);
    const chars = [0n, 8n, 16n, 24n].map((shift) => Number((block >> shift) & 0xffn));
    if (chars.every((c) => c >= 0x21 && c <= 0x7e)) {
      const unit = filler + String.fromCharCode(...chars);
      if (referenceMurmur3(`${salt}/${unit}`) !== target) throw new Error('inversion is wrong');
      return unit;
    }
  }
  throw new Error(`no printable unit hashes to ${target}`);
}

const TWO_32 = 2 ** 32;
/** The first hash of bucket 99,999: the smallest h with h * 100000 >= 99999 * 2^32. */
const FIRST_OF_LAST_BUCKET = Number((99_999n * 2n ** 32n + 99_999n) / 100_000n);

export const EDGE_HASHES: readonly number[] = [
  0, 1, 2, 42_949 /* last of bucket 0 */, 42_950 /* first of bucket 1 */, 2 ** 31 - 1, 2 ** 31,
  FIRST_OF_LAST_BUCKET - 1, FIRST_OF_LAST_BUCKET, TWO_32 - 2, TWO_32 - 1,
];

function buildVectors(): BucketingVector[] {
  // Seeded, so the file is the same on every run.
  const random = mulberry32(20260329);
  const vectors: BucketingVector[] = [];
  const add = (salt: string, unit: string) => vectors.push(vectorOf(salt, unit));

  const salts = ['new-checkout', '', 's', 'ab', 'abc', 'exp-2026', 'salt with spaces', 'Größe', '日本', '🚀', 'x'.repeat(128)];
  const units = [
    '', 'a', 'ab', 'abc', 'abcd', 'abcde', 'user-1', 'user-2', 'user-42', '0', '1', '12345', '-1', '3.14', '1e+21',
    'a/b', '/', '//', ' ', '\t\n', '\u0000', 'null', 'undefined', 'true',
    'café', 'cafe\u0301', 'Ünïcödé', 'Łódź', 'ñandú', 'ß', '\u00ff', '\u00a0',
    '日本語ユーザー', '用户', '한국어', 'Привет', 'مرحبا', 'שלום', 'ईमेल',
    '😀', '👨‍👩‍👧‍👦', '🇩🇪', '𝒳', '\u{10ffff}', 'a😀b', '\ufeff', '\uffff',
    'e\u0301\u0302\u0303', 'Z\u0351\u0352\u0353\u0354',
    'x'.repeat(1000), 'é'.repeat(512), '日'.repeat(341), '😀'.repeat(256), 'user@example.com',
    '550e8400-e29b-41d4-a716-446655440000',
  ];
  for (const unit of units) add('new-checkout', unit);
  for (const salt of salts) for (const unit of ['', 'user-1', 'é', '日本', '😀', 'x'.repeat(37)]) add(salt, unit);
  // Every tail length (0..3 bytes) with salts of every length modulo 4.
  for (const salt of ['', 'a', 'ab', 'abc']) for (let n = 0; n <= 9; n++) add(salt, 'u'.repeat(n));
  for (let i = 0; i < 40; i++) add('checkout-2026', `user-${Math.floor(random() * 1e9)}`);
  for (const salt of ['', 'edge', 'new-checkout']) for (const hash of EDGE_HASHES) add(salt, unitWithHash(salt, hash, random));

  const seen = new Set<string>();
  return vectors.filter((v) => {
    const key = JSON.stringify([v.salt, v.unit]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function main(): void {
  checkPublished();
  const vectors = buildVectors();
  const out = fileURLToPath(new URL('../test/vectors/bucketing.json', import.meta.url));
  writeFileSync(out, `[\n${vectors.map((v) => `  ${JSON.stringify(v)}`).join(',\n')}\n]\n`);
  process.stderr.write(`wrote ${vectors.length} vectors to ${out}\n`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
