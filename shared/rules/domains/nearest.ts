// The closest spelling of a mistyped value among the known ones: optimal string alignment distance
// (Levenshtein with adjacent transpositions, so "Frnace" is one edit from "France").

export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
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

/**
 * The candidate nearest to `value` within its typo budget, compared as `key` folds both sides;
 * among equals the one sharing the most characters with it in order, then the earliest. Undefined when nothing is close enough.
 */
export function nearest<T>(value: string, candidates: Iterable<T>, key: (candidate: T) => string): T | undefined {
  const budget = typoBudget(value.length);
  let best: T | undefined;
  let bestDistance = budget + 1;
  for (const candidate of candidates) {
    const text = key(candidate);
    // A length gap past the budget cannot be bridged; skipping it keeps long lists cheap.
    if (Math.abs(text.length - value.length) > bestDistance) continue;
    const distance = editDistance(value, text);
    // Between equals, the one keeping more of what was typed: "Austrlia" lost a letter of Australia
    // rather than gained one over Austria.
    if (distance < bestDistance || (distance === bestDistance && best !== undefined && commonLength(value, text) > commonLength(value, key(best!)))) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}
