// The closest spelling of a mistyped value among the known ones: optimal string alignment distance
// (Levenshtein with adjacent transpositions, so "Frnace" is one edit from "France").

/**
 * The distance between `a` and `b` when it is at most `max`, else `max + 1`. Only the band of
 * cells within `max` of the diagonal is computed, and the search stops at the first row past
 * `max`: a value far from every candidate costs a few rows each, not the whole table.
 */
export function editDistance(a: string, b: string, max = Math.max(a.length, b.length)): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const far = max + 1;
  const width = b.length + 1;
  let before = new Int32Array(width).fill(far);
  let previous = new Int32Array(width).fill(far);
  let row = new Int32Array(width);
  for (let j = 0; j <= Math.min(b.length, max); j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    row.fill(far);
    if (i <= max) row[0] = i;
    let least = row[0]!;
    for (let j = Math.max(1, i - max); j <= Math.min(b.length, i + max); j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let best = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) best = Math.min(best, before[j - 2]! + 1);
      row[j] = Math.min(best, far);
      least = Math.min(least, row[j]!);
    }
    if (least > max) return far;
    [before, previous, row] = [previous, row, before];
  }
  return Math.min(previous[b.length]!, far);
}

/**
 * How many edits a value of this length may be off and still be taken for a typo: 1 up to 7
 * characters, 2 up to 12, then 3. Looser budgets turned words into places ("Berlin" into Benin,
 * "basic" into Brasil, "Paris" into the Polaris browser).
 */
export function typoBudget(length: number): number {
  return length <= 7 ? 1 : length <= 12 ? 2 : 3;
}

/** Length of the longest common subsequence. */
function commonLength(a: string, b: string): number {
  let previous = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    const row = [0];
    for (let j = 1; j <= b.length; j++) row[j] = a[i - 1] === b[j - 1] ? previous[j - 1]! + 1 : Math.max(previous[j]!, row[j - 1]!);
    previous = row;
  }
  return previous[b.length]!;
}

// ASCII characters counted each on their own, the rest in 32 shared buckets.
const BUCKETS = 160;

/** How often each character occurs, for `countGap`: characters sharing a bucket only make the bound lower, never wrong. */
function countsOf(text: string): Uint16Array {
  const counts = new Uint16Array(BUCKETS);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    counts[c < 128 ? c : 128 + (c % 32)]! += 1;
  }
  return counts;
}

/**
 * A lower bound of the edit distance from character counts: each edit removes at most one
 * character and adds at most one (a swap neither), so the distance is at least the larger of
 * what one string has beyond the other. `buckets` are those `a` uses.
 */
function countGap(a: Uint16Array, buckets: readonly number[], aLength: number, b: Uint16Array, bLength: number): number {
  let shared = 0;
  for (const i of buckets) shared += Math.min(a[i]!, b[i]!);
  return Math.max(aLength - shared, bLength - shared);
}

type Entry<T> = { readonly candidate: T; readonly text: string; readonly counts: Uint16Array };

/**
 * A search for the candidate nearest to a value within its typo budget, each candidate compared
 * as `key` spells it (prepared once); among equals the one sharing the most characters with the
 * value in order, then the earliest. PERFORMANCE NOTE: a validation may look up 16,000 unknown
 * values (a document full of them); the count bound and the banded distance keep a value far from
 * every candidate at a few operations per candidate.
 */
export function nearestOf<T>(candidates: Iterable<T>, key: (candidate: T) => string): (value: string) => T | undefined {
  const entries: Entry<T>[] = [...candidates].map((candidate) => ({ candidate, text: key(candidate), counts: countsOf(key(candidate)) }));
  return (value) => {
    const counts = countsOf(value);
    const buckets = [...counts.keys()].filter((i) => counts[i]! > 0);
    let best: Entry<T> | undefined;
    let bestDistance = typoBudget(value.length) + 1;
    for (const entry of entries) {
      if (Math.abs(entry.text.length - value.length) > bestDistance) continue;
      if (countGap(counts, buckets, value.length, entry.counts, entry.text.length) > bestDistance) continue;
      const distance = editDistance(value, entry.text, bestDistance);
      // Between equals, the one keeping more of what was typed: "Austrlia" lost a letter of
      // Australia rather than gained one over Austria.
      if (distance < bestDistance || (distance === bestDistance && best !== undefined && commonLength(value, entry.text) > commonLength(value, best.text))) {
        best = entry;
        bestDistance = distance;
      }
    }
    return best?.candidate;
  };
}
