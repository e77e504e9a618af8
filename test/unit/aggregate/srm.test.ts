import assert from 'node:assert/strict';
import { chiSquaredSurvival, sampleRatioCheck } from '../../../shared/aggregate/srm.ts';

const close = (actual: number, expected: number, relative = 1e-3) =>
  assert.ok(Math.abs(actual - expected) <= Math.abs(expected) * relative, `${actual} is not within ${relative} of ${expected}`);

describe('sample ratio check', () => {
  // Critical values from the chi-squared table.
  for (const [x, k, p] of [[3.841459, 1, 0.05], [6.634897, 1, 0.01], [10.827566, 1, 0.001], [5.991465, 2, 0.05], [13.815511, 2, 0.001], [7.814728, 3, 0.05], [16.266236, 3, 0.001], [0.454936, 1, 0.5], [1.386294, 2, 0.5]] as const) {
    it(`gives P(chi2(${k}) >= ${x}) = ${p}`, () => close(chiSquaredSurvival(x, k), p));
  }

  it('finds no mismatch when exposures follow the weights', () => {
    const result = sampleRatioCheck({ on: 5000, off: 5000 }, { on: 50, off: 50 });
    assert.deepEqual(result, { chiSquared: 0, degreesOfFreedom: 1, pValue: 1, mismatch: false });
  });

  it('flags 5,200 against 4,800 on a 50/50 split (chi-squared 16, p 6.3e-5)', () => {
    const result = sampleRatioCheck({ on: 5200, off: 4800 }, { on: 50, off: 50 });
    assert.ok(result);
    close(result.chiSquared, 16, 1e-12);
    close(result.pValue, 6.334248e-5);
    assert.equal(result.mismatch, true);
  });

  it('holds exposures against unequal weights of any scale', () => {
    // 90/10 split, 1,000 exposures: 910/90 gives chi-squared 100/900 + 100/100 = 1.111.
    const result = sampleRatioCheck({ control: 910, treatment: 90 }, { control: 0.9, treatment: 0.1 });
    assert.ok(result);
    close(result.chiSquared, 1.1111111);
    close(result.pValue, 0.2918);
    assert.equal(result.mismatch, false);
  });

  it('counts a variant that received nothing', () => {
    const result = sampleRatioCheck({ a: 100, b: 100 }, { a: 1, b: 1, c: 1 });
    assert.ok(result);
    assert.equal(result.degreesOfFreedom, 2);
    close(result.chiSquared, 100); // 2 x 33.3^2/66.7 + 66.7^2/66.7
    assert.equal(result.mismatch, true);
  });

  it('treats exposures of a variant outside the split as a mismatch', () => {
    assert.equal(sampleRatioCheck({ a: 50, b: 50, ghost: 1 }, { a: 1, b: 1 })?.mismatch, true);
  });

  it('has nothing to test without exposures or with a single weighted variant', () => {
    assert.equal(sampleRatioCheck({}, { a: 1, b: 1 }), undefined);
    assert.equal(sampleRatioCheck({ a: 10 }, { a: 100, b: 0 }), undefined);
  });
});
