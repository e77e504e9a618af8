// The sample-ratio-mismatch check of an experiment: Pearson's chi-squared over the exposures per
// variant against the split's weights. A p-value under 0.001 means the assignment is broken (a
// bug, a redirect that loses one arm, bots), not that a variant wins.

import { ownValue } from '../rules/own.ts';

export const SRM_THRESHOLD = 0.001;

export type SrmResult = { readonly chiSquared: number; readonly degreesOfFreedom: number; readonly pValue: number; readonly mismatch: boolean };

/**
 * Observed exposures by variant against expected weights (any scale). Variants with weight 0 are
 * left out of the test; exposures of a variant outside the split make it a mismatch outright.
 * Undefined when there is nothing to test (no exposures, or fewer than two weighted variants).
 */
export function sampleRatioCheck(observed: Readonly<Record<string, number>>, weights: Readonly<Record<string, number>>): SrmResult | undefined {
  const weighted = Object.entries(weights).filter(([, w]) => w > 0);
  const total = Object.values(observed).reduce((a, n) => a + n, 0);
  if (total === 0 || weighted.length < 2) return undefined;
  const stray = Object.entries(observed).some(([variant, n]) => n > 0 && !((ownValue(weights, variant) ?? 0) > 0));
  const weightSum = weighted.reduce((a, [, w]) => a + w, 0);
  let chiSquared = 0;
  for (const [variant, weight] of weighted) {
    const expected = (total * weight) / weightSum;
    const diff = (ownValue(observed, variant) ?? 0) - expected;
    chiSquared += (diff * diff) / expected;
  }
  const degreesOfFreedom = weighted.length - 1;
  const pValue = stray ? 0 : chiSquaredSurvival(chiSquared, degreesOfFreedom);
  return { chiSquared, degreesOfFreedom, pValue, mismatch: pValue < SRM_THRESHOLD };
}

/** P(X >= x) for X ~ chi-squared(k): the regularised upper incomplete gamma Q(k/2, x/2). */
export function chiSquaredSurvival(x: number, k: number): number {
  if (x <= 0) return 1;
  return upperGammaQ(k / 2, x / 2);
}

// Numerical Recipes' series (x < a + 1) and Lentz continued fraction (otherwise): 1e-14 relative.
function upperGammaQ(a: number, x: number): number {
  const lnPrefix = a * Math.log(x) - x - logGamma(a);
  if (x < a + 1) {
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < 1000; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-15) break;
    }
    return Math.max(0, 1 - sum * Math.exp(lnPrefix));
  }
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 1000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return Math.exp(lnPrefix) * h;
}

// Lanczos approximation (g = 7, n = 9), accurate to about 15 digits for a > 0.
const LANCZOS = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
function logGamma(a: number): number {
  if (a < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * a)) - logGamma(1 - a);
  const z = a - 1;
  let sum = LANCZOS[0]!;
  for (let i = 1; i < 9; i++) sum += LANCZOS[i]! / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}
