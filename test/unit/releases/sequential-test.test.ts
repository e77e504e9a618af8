import assert from 'node:assert/strict';
import { mulberry32 } from '../../../shared/seeded-random.ts';
import { emptyMeanState, emptyRateState, foldMeanMinute, foldRateMinute, meanStatistic, nullRatio, rateMixtureLog } from '../../../shared/releases/sequential-test.ts';

/** Poisson by inversion (small means) or its normal approximation (large): enough for these checks. */
function poisson(random: () => number, mean: number): number {
  if (mean > 50) return Math.max(0, Math.round(mean + Math.sqrt(mean) * Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random())));
  let k = 0;
  let p = Math.exp(-mean);
  let s = p;
  const u = random();
  while (u > s) { k++; p *= mean / k; s += p; }
  return k;
}

describe('rate test (conditional mixture SPRT)', () => {
  it('starts at a likelihood ratio of 1', () => assert.equal(rateMixtureLog(emptyRateState()), 0));

  it('puts the null ratio at the edge of the tolerance', () => {
    assert.equal(nullRatio('increase', 0.1), 1.1);
    assert.equal(nullRatio('decrease', 0.5), 2);
  });

  it('ignores a minute in which one arm had no exposures', () => {
    const state = foldRateMinute(emptyRateState(), { treatment: { exposures: 0, events: 0 }, control: { exposures: 100, events: 5 } }, 'increase', 0);
    assert.deepEqual(state.logLR, emptyRateState().logLR);
    assert.equal(state.control.events, 5);
  });

  it('grows with events that fall on the treatment more than its exposure share says', () => {
    let state = emptyRateState();
    for (let i = 0; i < 10; i++) state = foldRateMinute(state, { treatment: { exposures: 500, events: 15 }, control: { exposures: 500, events: 5 } }, 'increase', 0);
    assert.ok(rateMixtureLog(state) > Math.log(20), `log LR ${rateMixtureLog(state)}`);
  });

  it('shrinks when the treatment is better', () => {
    let state = emptyRateState();
    for (let i = 0; i < 10; i++) state = foldRateMinute(state, { treatment: { exposures: 500, events: 2 }, control: { exposures: 500, events: 8 } }, 'increase', 0);
    assert.ok(rateMixtureLog(state) < 0);
  });

  it('reads a decrease as harm to the treatment when watching conversions', () => {
    let state = emptyRateState();
    for (let i = 0; i < 10; i++) state = foldRateMinute(state, { treatment: { exposures: 500, events: 20 }, control: { exposures: 500, events: 60 } }, 'decrease', 0);
    assert.ok(rateMixtureLog(state) > Math.log(20));
  });

  it('gives the same answer whatever the order the treatment share changed in (exact conditioning)', () => {
    const minutes = [[50, 1, 950, 12], [250, 4, 750, 9], [500, 9, 500, 7]] as const;
    const fold = (order: readonly (typeof minutes)[number][]) => order.reduce((s, [te, tv, ce, cv]) => foldRateMinute(s, { treatment: { exposures: te, events: tv }, control: { exposures: ce, events: cv } }, 'increase', 0.1), emptyRateState());
    const a = rateMixtureLog(fold(minutes));
    const b = rateMixtureLog(fold([...minutes].reverse()));
    assert.ok(Math.abs(a - b) < 1e-9);
  });

  it('crosses log(1/alpha) in at most alpha of null runs checked every minute for a day (seeded)', () => {
    const random = mulberry32(17);
    const alpha = 0.05;
    let crossed = 0;
    const runs = 200;
    for (let r = 0; r < runs; r++) {
      let state = emptyRateState();
      for (let m = 0; m < 1440; m++) {
        state = foldRateMinute(state, { treatment: { exposures: 200, events: poisson(random, 2) }, control: { exposures: 800, events: poisson(random, 8) } }, 'increase', 0);
        if (rateMixtureLog(state) >= Math.log(1 / alpha)) { crossed++; break; }
      }
    }
    // Ville's bound is alpha; 200 runs leave room for sampling noise (binomial sd ~ 0.015).
    assert.ok(crossed / runs <= alpha + 0.03, `${crossed} of ${runs} null runs crossed`);
  });
});

describe('mean test (normal-mixture SPRT)', () => {
  const moments = (values: number[]) => ({ n: values.length, sum: values.reduce((a, b) => a + b, 0), sumSq: values.reduce((a, b) => a + b * b, 0) });

  it('gives no verdict below 30 values per arm', () => {
    const state = foldMeanMinute(emptyMeanState(), { treatment: moments([1, 2, 3]), control: moments([1, 2, 3]) });
    assert.equal(meanStatistic(state, 'increase', 0).statistic, undefined);
  });

  it('finds a treatment whose latency is 50% higher', () => {
    const random = mulberry32(3);
    const draw = (mean: number) => Array.from({ length: 200 }, () => mean * (0.5 + random()));
    const state = foldMeanMinute(emptyMeanState(), { treatment: moments(draw(150)), control: moments(draw(100)) });
    const { statistic } = meanStatistic(state, 'increase', 0.1);
    assert.ok(statistic && statistic.difference > 0 && statistic.logLR > Math.log(20), JSON.stringify(statistic));
  });

  it('keeps its mixture scale once fixed', () => {
    const first = meanStatistic(foldMeanMinute(emptyMeanState(), { treatment: moments(Array(40).fill(10)), control: moments(Array(40).fill(10)) }), 'increase', 0.1);
    const later = meanStatistic(foldMeanMinute(first.state, { treatment: moments(Array(40).fill(50)), control: moments(Array(40).fill(50)) }), 'increase', 0.1);
    assert.equal(later.state.tau, first.state.tau);
  });
});
