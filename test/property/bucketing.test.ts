// Bucketing is stable (the same salt and unit always give the same bucket, by every path) and
// uniform (chi-squared over 1,000,000 units), and matches the reference MurmurHash3 on any string.

import assert from 'node:assert/strict';
import fc from 'fast-check';
import { bucketerFor } from '../../shared/rules/bucketing.ts';
import { BUCKETS, bucketFor, murmur3 } from '../../shared/rules/index.ts';
import { referenceBucket, referenceMurmur3 } from '../../scripts/make-bucketing-vectors.ts';
import { check, SEED } from '../helpers/arbitraries.ts';

/** Chi-squared critical value for `dof` degrees of freedom at p = 0.001 (Wilson-Hilferty). */
function chiSquaredCritical(dof: number): number {
  const z = 3.0902;
  return dof * (1 - 2 / (9 * dof) + z * Math.sqrt(2 / (9 * dof))) ** 3;
}

function chiSquared(counts: readonly number[], total: number): number {
  const expected = total / counts.length;
  return counts.reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
}

/** Any string: every UTF-16 code unit, lone surrogates included, and long ones now and then. */
const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: fc.constantFrom('a', 'é', '日', '😀', '\ud800', '\udc00', '/'), maxLength: 600 }),
);

describe('bucketing (property)', () => {
  it(`matches the reference MurmurHash3 and bucket on any salt and unit (seed ${SEED})`, () => {
    check(
      fc.property(anyText, anyText, (salt, unit) => {
        const hash = referenceMurmur3(`${salt}/${unit}`);
        assert.equal(murmur3(`${salt}/${unit}`), hash);
        assert.equal(bucketFor(salt, unit), referenceBucket(hash));
        assert.equal(bucketerFor(salt)(unit), referenceBucket(hash));
      }),
      5_000,
    );
  });

  it('is stable: the same salt and unit give the same bucket, however often and through whichever bucketer', () => {
    check(
      fc.property(anyText, fc.array(anyText, { minLength: 1, maxLength: 10 }), (salt, units) => {
        const bucketOf = bucketerFor(salt);
        const first = units.map((u) => bucketFor(salt, u));
        const again = [...units].reverse().map((u) => bucketOf(u)).reverse();
        assert.deepEqual(again, first);
        assert.deepEqual(units.map((u) => bucketFor(salt, u)), first);
        for (const b of first) assert.ok(Number.isInteger(b) && b >= 0 && b < BUCKETS);
      }),
      2_000,
    );
  });

  it('spreads 1,000,000 sequential units evenly over 100 bins (chi-squared, p > 0.001)', function () {
    this.timeout(60_000);
    const n = 1_000_000;
    const bins = new Array<number>(100).fill(0);
    const fine = new Array<number>(1000).fill(0);
    const bucketOf = bucketerFor('uniformity');
    for (let i = 0; i < n; i++) {
      const b = bucketOf(`user-${i}`);
      bins[Math.floor(b / 1000)]!++;
      fine[Math.floor(b / 100)]!++;
    }
    const coarse = chiSquared(bins, n);
    assert.ok(coarse < chiSquaredCritical(99), `chi-squared ${coarse.toFixed(1)} over 100 bins`);
    const detailed = chiSquared(fine, n);
    assert.ok(detailed < chiSquaredCritical(999), `chi-squared ${detailed.toFixed(1)} over 1,000 bins`);
  });

  it('spreads random units evenly over 100 bins under random salts (chi-squared, p > 0.001)', function () {
    this.timeout(60_000);
    // Each salt is tested on its own, so a bad salt cannot hide in an average. With the default
    // seed the outcome is fixed; another FC_SEED raises a false alarm about 0.5% of the time.
    const salts = fc.sample(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }), { numRuns: 5, seed: SEED });
    const drawn = fc.sample(fc.oneof(fc.uuid(), fc.string({ unit: 'grapheme', minLength: 4, maxLength: 16 }), fc.integer({ min: 0, max: 2 ** 31 }).map(String)), { numRuns: 60_000, seed: SEED });
    const units = [...new Set(drawn)];
    assert.ok(units.length > 40_000, `${units.length} distinct units`);
    for (const salt of salts) {
      const bins = new Array<number>(100).fill(0);
      const bucketOf = bucketerFor(salt);
      for (const u of units) bins[Math.floor(bucketOf(u) / 1000)]!++;
      const chi2 = chiSquared(bins, units.length);
      assert.ok(chi2 < chiSquaredCritical(99), `salt ${JSON.stringify(salt)}: chi-squared ${chi2.toFixed(1)} over ${units.length} units`);
    }
  });
});
