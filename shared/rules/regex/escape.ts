// The single-character escapes of RE2 (octal, \x, \a \f \n \r \t \v, escaped punctuation), read
// from code points exactly as re2js's parser reads them.

import { MAX_RUNE } from './ranges.ts';

/** An escape's code point and where it ends, or null for anything else (classes, \b, errors). */
export type Escaped = { readonly rune: number; readonly end: number } | null;

const CONTROL: ReadonlyMap<number, number> = new Map([
  [0x61, 0x07], // \a
  [0x66, 0x0c], // \f
  [0x6e, 0x0a], // \n
  [0x72, 0x0d], // \r
  [0x74, 0x09], // \t
  [0x76, 0x0b], // \v
]);

const isOctal = (c: number | undefined) => c !== undefined && c >= 0x30 && c <= 0x37;
const isAlnum = (c: number) => (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);

function hexValue(c: number | undefined): number {
  if (c === undefined) return -1;
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  const lower = c | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x61 + 10 : -1;
}

/** Reads the escape whose backslash is at `at`. */
export function readEscape(cps: readonly number[], at: number): Escaped {
  let i = at + 1;
  const c = cps[i++];
  if (c === undefined) return null;
  // A lone \1 to \7 would be a backreference, which RE2 refuses; followed by an octal digit it is octal.
  if (c === 0x30 || (c >= 0x31 && c <= 0x37 && isOctal(cps[i]))) {
    let rune = c - 0x30;
    for (let n = 0; n < 2 && isOctal(cps[i]); n++) rune = rune * 8 + cps[i++]! - 0x30;
    return { rune, end: i };
  }
  if (c === 0x78) return readHex(cps, i);
  const control = CONTROL.get(c);
  if (control !== undefined) return { rune: control, end: i };
  return c <= 0x7f && !isAlnum(c) ? { rune: c, end: i } : null;
}

/** `\xHH` or `\x{H...}`, after the x. */
function readHex(cps: readonly number[], at: number): Escaped {
  let i = at;
  if (cps[i] !== 0x7b) {
    const hi = hexValue(cps[i]);
    const lo = hexValue(cps[i + 1]);
    return hi < 0 || lo < 0 ? null : { rune: hi * 16 + lo, end: i + 2 };
  }
  i++;
  let rune = 0;
  let digits = 0;
  for (; cps[i] !== 0x7d; i++) {
    const v = hexValue(cps[i]);
    if (v < 0) return null;
    rune = rune * 16 + v;
    if (rune > MAX_RUNE) return null;
    digits++;
  }
  return digits === 0 ? null : { rune, end: i + 1 };
}
