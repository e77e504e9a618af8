import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { chartRows, chartSummary, seriesColour, SERIES_COLOURS, spansDays, yRange } from '../../../functions/console/web/logic/chart-data.ts';

const at = (h: number, m = 0, day = 5) => new Date(2026, 11, day, h, m).getTime();

describe('a time chart in words', () => {
  it('gives screen readers one row per time and one cell per series, a dash where a value is missing', () => {
    const rows = chartRows([at(9), at(9, 5)], [{ label: 'on', values: [3, null] }, { label: 'off', values: [0, 7] }]);
    assert.deepEqual(rows, [{ time: '09:00', cells: ['3', '0'] }, { time: '09:05', cells: ['–', '7'] }]);
  });

  it('dates the rows when the span crosses a day', () => {
    assert.equal(spansDays([at(23), at(1, 0, 6)]), true);
    assert.equal(spansDays([at(1), at(23)]), false);
    assert.deepEqual(chartRows([at(23), at(1, 0, 6)], [{ label: 'all', values: [1, 2] }]).map((r) => r.time), ['2026-12-05 23:00', '2026-12-06 01:00']);
  });

  it('sums up each series and names the threshold', () => {
    assert.equal(chartSummary([{ label: 'on', values: [3, null, 11] }, { label: 'off', values: [] }], { value: 10, label: 'Alert at' }), 'on: 14 in all, at most 11; off: 0 in all, at most 0. Alert at: 10.');
    assert.equal(chartSummary([]), 'No data.');
  });

  it('keeps the threshold line in view and draws from zero', () => {
    assert.deepEqual(yRange([{ label: 'a', values: [2, 4] }], { value: 20, label: 't' }), [0, 22]);
    assert.deepEqual(yRange([{ label: 'a', values: [2, 10] }]), [0, 11]);
    assert.deepEqual(yRange([{ label: 'a', values: [null, 0] }]), [0, 1]);
  });

  it('cycles through its colours', () => {
    assert.equal(seriesColour(0), SERIES_COLOURS[0]);
    assert.equal(seriesColour(SERIES_COLOURS.length + 1), SERIES_COLOURS[1]);
  });
});

describe('console icons', () => {
  it('has an icon for the family of every operator', async () => {
    const { OPERATORS } = await import('../../../shared/rules/index.ts');
    const { operatorIcon } = await import('../../../functions/console/web/logic/operator-icons.ts');
    const source = readFileSync(new URL('../../../functions/console/web/ui/icons.tsx', import.meta.url), 'utf8');
    const missing = [...new Set(OPERATORS.map(operatorIcon))].filter((family) => !new RegExp(`^\\s+${family}: '`, 'm').test(source));
    assert.deepEqual(missing, []);
  });
});
