// What a time chart says in words: the rows of its screen-reader table and a one-line summary,
// so that what the canvas draws can be read without seeing it (pure, shared by every chart).

export type ChartSeries = {
  readonly label: string;
  /** One value per time, null where there is none. */
  readonly values: readonly (number | null)[];
};

export type ChartThreshold = { readonly value: number; readonly label: string };

/** Series' colours, each at least 4.5:1 against white (WCAG AA for the legend's text too). */
export const SERIES_COLOURS = ['#0b57d0', '#b3261e', '#146c2e', '#8a4b00', '#6a1b9a', '#00639b', '#5f6368', '#c2185b'] as const;

export function seriesColour(index: number): string {
  return SERIES_COLOURS[index % SERIES_COLOURS.length]!;
}

/** A time as a short label for the table and the axis: the hour and minute, and the date when the span crosses days. */
export function timeLabel(ms: number, withDate: boolean): string {
  const d = new Date(ms);
  const hm = `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
  return withDate ? `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')} ${hm}` : hm;
}

/** Whether the times span more than one calendar day (then labels carry the date). */
export function spansDays(times: readonly number[]): boolean {
  return times.length > 1 && new Date(times[0]!).toDateString() !== new Date(times[times.length - 1]!).toDateString();
}

/** The screen-reader table: one row per time, one cell per series (an empty cell reads as a dash). */
export function chartRows(times: readonly number[], series: readonly ChartSeries[]): { time: string; cells: string[] }[] {
  const crossesDays = spansDays(times);
  return times.map((t, i) => ({ time: timeLabel(t, crossesDays), cells: series.map((s) => (s.values[i] == null ? '–' : String(s.values[i]))) }));
}

function total(values: readonly (number | null)[]): number {
  return values.reduce<number>((sum, v) => sum + (v ?? 0), 0);
}

/** "new: 120 in all, at most 14; old: 30 in all, at most 4. Threshold 10." */
export function chartSummary(series: readonly ChartSeries[], threshold?: ChartThreshold): string {
  if (series.length === 0) return 'No data.';
  const parts = series.map((s) => `${s.label}: ${total(s.values)} in all, at most ${Math.max(0, ...s.values.map((v) => v ?? 0))}`);
  return `${parts.join('; ')}.${threshold ? ` ${threshold.label}: ${threshold.value}.` : ''}`;
}

/** The y range drawn: from zero to the highest value or the threshold, whichever is higher, so the threshold line is always in view. */
export function yRange(series: readonly ChartSeries[], threshold?: ChartThreshold): [number, number] {
  const highest = Math.max(0, threshold?.value ?? 0, ...series.flatMap((s) => s.values.map((v) => v ?? 0)));
  return [0, highest === 0 ? 1 : highest * 1.1];
}
