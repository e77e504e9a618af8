// Character sets as sorted, merged code-point ranges [lo0, hi0, lo1, hi1, ...], with the ASCII
// Perl and POSIX classes and the ASCII case folding exactly as RE2 (and re2js) define them.

export type Ranges = readonly number[];

export const MAX_RUNE = 0x10ffff;
/** `.` without the s flag: every code point but \n. */
export const ANY_BUT_NEWLINE: Ranges = [0, 9, 11, MAX_RUNE];

/** A class escape or POSIX name: its ASCII ranges, and whether it stands for their complement. */
export type Group = { readonly negated: boolean; readonly ranges: Ranges };

const DIGIT = [0x30, 0x39];
const SPACE = [0x09, 0x0a, 0x0c, 0x0d, 0x20, 0x20]; // RE2's \s has no \v
const WORD = [0x30, 0x39, 0x41, 0x5a, 0x5f, 0x5f, 0x61, 0x7a];

export const PERL_GROUPS: ReadonlyMap<string, Group> = new Map([
  ['d', { negated: false, ranges: DIGIT }],
  ['D', { negated: true, ranges: DIGIT }],
  ['s', { negated: false, ranges: SPACE }],
  ['S', { negated: true, ranges: SPACE }],
  ['w', { negated: false, ranges: WORD }],
  ['W', { negated: true, ranges: WORD }],
]);

const POSIX: readonly [string, Ranges][] = [
  ['alnum', [0x30, 0x39, 0x41, 0x5a, 0x61, 0x7a]],
  ['alpha', [0x41, 0x5a, 0x61, 0x7a]],
  ['ascii', [0x00, 0x7f]],
  ['blank', [0x09, 0x09, 0x20, 0x20]],
  ['cntrl', [0x00, 0x1f, 0x7f, 0x7f]],
  ['digit', DIGIT],
  ['graph', [0x21, 0x7e]],
  ['lower', [0x61, 0x7a]],
  ['print', [0x20, 0x7e]],
  ['punct', [0x21, 0x2f, 0x3a, 0x40, 0x5b, 0x60, 0x7b, 0x7e]],
  ['space', [0x09, 0x0d, 0x20, 0x20]],
  ['upper', [0x41, 0x5a]],
  ['word', WORD],
  ['xdigit', [0x30, 0x39, 0x41, 0x46, 0x61, 0x66]],
];

/** Keyed by the whole bracket name, `[:alpha:]` or `[:^alpha:]`. */
export const POSIX_GROUPS: ReadonlyMap<string, Group> = new Map(
  POSIX.flatMap(([name, ranges]): [string, Group][] => [
    [`[:${name}:]`, { negated: false, ranges }],
    [`[:^${name}:]`, { negated: true, ranges }],
  ]),
);

/** Sorts and merges overlapping or adjacent ranges. */
export function normalize(ranges: Ranges): number[] {
  const pairs: [number, number][] = [];
  for (let i = 0; i < ranges.length; i += 2) pairs.push([ranges[i]!, ranges[i + 1]!]);
  pairs.sort((a, b) => a[0] - b[0]);
  const out: number[] = [];
  for (const [lo, hi] of pairs) {
    if (out.length > 0 && lo <= out[out.length - 1]! + 1) out[out.length - 1] = Math.max(out[out.length - 1]!, hi);
    else out.push(lo, hi);
  }
  return out;
}

/** The complement within [0, MAX_RUNE] of normalized ranges. */
export function negate(ranges: Ranges): number[] {
  const out: number[] = [];
  let next = 0;
  for (let i = 0; i < ranges.length; i += 2) {
    if (ranges[i]! > next) out.push(next, ranges[i]! - 1);
    next = ranges[i + 1]! + 1;
  }
  if (next <= MAX_RUNE) out.push(next, MAX_RUNE);
  return out;
}

/**
 * The ranges plus every code point RE2's simple case folding relates to them, or null past ASCII:
 * beyond ASCII the fold tables are Unicode's, which this engine leaves to re2js. Within ASCII the
 * orbits are the two cases, plus KELVIN SIGN for k and LONG S for s.
 */
export function foldAscii(ranges: Ranges): number[] | null {
  const out = [...ranges];
  for (let i = 0; i < ranges.length; i += 2) {
    if (ranges[i + 1]! > 0x7f) return null;
    for (let c = ranges[i]!; c <= ranges[i + 1]!; c++) {
      const lower = c | 0x20;
      if (lower < 0x61 || lower > 0x7a) continue;
      out.push(c ^ 0x20, c ^ 0x20);
      if (lower === 0x6b) out.push(0x212a, 0x212a);
      if (lower === 0x73) out.push(0x17f, 0x17f);
    }
  }
  return normalize(out);
}

/** A group's set, folded first when the pattern ignores case (RE2 folds, then complements). */
export function groupRanges(group: Group, fold: boolean): number[] {
  // Groups are ASCII, so folding them never gives up.
  const base = fold ? foldAscii(group.ranges)! : normalize(group.ranges);
  return group.negated ? negate(base) : base;
}

/** Whether `rune` is in `ranges` (sorted, disjoint [lo, hi] pairs), by binary search over the range ends: a Unicode class has hundreds. */
export function rangesContain(ranges: Ranges, rune: number): boolean {
  let lo = 0;
  let hi = ranges.length >> 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ranges[2 * mid + 1]! < rune) lo = mid + 1;
    else hi = mid;
  }
  return lo < ranges.length >> 1 && ranges[2 * lo]! <= rune;
}
