import assert from 'node:assert/strict';
import { NO_RULE, usageCharts } from '../../../functions/console/web/logic/usage-series.ts';
import { batches, isQuiet, sparklinePoints, usageWords } from '../../../functions/console/web/logic/usage-overview.ts';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const FROM = Date.parse('2026-12-05T10:00:00Z');

describe('console usage charts', () => {
  it('sums minutes into buckets per variant and per rule, a bucket without minutes at zero', () => {
    const charts = usageCharts(
      [
        { minute: FROM, evaluations: 4, variants: { on: 1, off: 3 }, rules: { 'eu-pros': 1 } },
        { minute: FROM + 20 * MINUTE, evaluations: 2, variants: { off: 2 }, rules: {} },
        { minute: FROM + 70 * MINUTE, evaluations: 9, variants: { on: 9 }, rules: { 'eu-pros': 9 } },
      ],
      FROM, FROM + 60 * MINUTE, 30,
    );
    assert.deepEqual(charts.times, [FROM, FROM + 30 * MINUTE], 'a minute after the span is left out');
    assert.deepEqual(charts.variants, [{ label: 'off', values: [5, 0] }, { label: 'on', values: [1, 0] }]);
    assert.deepEqual(charts.rules, [{ label: NO_RULE, values: [5, 0] }, { label: 'eu-pros', values: [1, 0] }]);
  });

  it('has no series when nothing was evaluated', () => {
    const charts = usageCharts([], FROM, FROM + 60 * MINUTE, 1);
    assert.equal(charts.times.length, 60);
    assert.deepEqual([charts.variants, charts.rules], [[], []]);
  });
});

describe('console library usage at a glance', () => {
  const now = FROM;
  it('says the last day\'s evaluations, or how long the flag has been quiet', () => {
    assert.equal(usageWords({ evaluations: 1234, lastEvaluated: new Date(now).toISOString() }, now), '1,234 in 24 h');
    assert.equal(usageWords({ evaluations: 0, lastEvaluated: new Date(now - 3 * DAY).toISOString() }, now), 'None for 3 days');
    assert.equal(usageWords({ evaluations: 0, lastEvaluated: new Date(now - 30 * DAY).toISOString() }, now), 'Not evaluated for 30 days');
    assert.equal(usageWords({ evaluations: 0, lastEvaluated: null }, now), 'Never evaluated');
  });

  it('calls a flag quiet after 30 days without an evaluation, not before', () => {
    assert.equal(isQuiet({ evaluations: 0, lastEvaluated: new Date(now - 29 * DAY).toISOString() }, now), false);
    assert.equal(isQuiet({ evaluations: 0, lastEvaluated: new Date(now - 31 * DAY).toISOString() }, now), true);
    assert.equal(isQuiet({ evaluations: 0, lastEvaluated: null }, now), true);
    assert.equal(isQuiet({ evaluations: 1, lastEvaluated: new Date(now).toISOString() }, now), false);
  });

  it('draws a sparkline from the bottom-left, its highest value at the top', () => {
    assert.equal(sparklinePoints([0, 5, 10], 20, 12), '0,11 10,6 20,1');
    assert.equal(sparklinePoints([], 20, 12), '');
  });

  it('asks for flags in batches', () => {
    assert.deepEqual(batches(['a', 'b', 'c'], 2), [['a', 'b'], ['c']]);
  });
});
