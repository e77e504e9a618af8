// Scheduled changes for the console (pure): the time typed in a datetime-local field (the
// browser's zone) as the instant the API takes, a default time, and a change in words.

export type ScheduleChange = { readonly enabled: boolean } | { readonly ruleId: string; readonly weights: Readonly<Record<string, number>> } | Readonly<Record<string, unknown>>;

/** `2026-12-05T22:00` typed in the browser's zone as an RFC 3339 instant; undefined when it is no time. */
export function instantOf(local: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(local)) return undefined;
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A datetime-local value for a time: the next whole hour after `now` by default. */
export function localValue(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function nextWholeHour(now: number): number {
  const d = new Date(now);
  d.setMinutes(0, 0, 0);
  return d.getTime() + 3_600_000;
}

/** `Disable the flag`, `Enable the flag`, `Set rule ramp to treatment 50%, control 50%`, or a whole document. */
export function changeWords(change: ScheduleChange): string {
  const keys = Object.keys(change);
  if (keys.length === 1 && typeof (change as { enabled?: unknown }).enabled === 'boolean') return (change as { enabled: boolean }).enabled ? 'Enable the flag' : 'Disable the flag';
  const c = change as { ruleId?: unknown; weights?: unknown };
  if (keys.length === 2 && typeof c.ruleId === 'string' && typeof c.weights === 'object' && c.weights !== null) {
    return `Set rule ${c.ruleId} to ${Object.entries(c.weights as Record<string, number>).map(([v, w]) => `${v} ${w}%`).join(', ')}`;
  }
  return 'Replace the whole flag';
}

/** The weights of a two-or-more-variant rule with one variant's share set and the rest to the next one (a two-way split: the other). */
export function weightsWith(variants: readonly string[], first: string, percent: number): Record<string, number> {
  const other = variants.find((v) => v !== first);
  const weights: Record<string, number> = Object.fromEntries(variants.map((v) => [v, 0]));
  weights[first] = percent;
  if (other !== undefined) weights[other] = Math.round((100 - percent) * 1000) / 1000;
  return weights;
}
