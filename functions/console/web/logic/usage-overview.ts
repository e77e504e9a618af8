// What the library says about a flag's usage next to its sparkline: its last day in a few words,
// or how long it has not been evaluated (the rollups are kept, so "30 days" is measured, not guessed).

export const QUIET_DAYS = 30;
const DAY_MS = 24 * 3600_000;

export type UsageGlance = { readonly evaluations: number; readonly lastEvaluated: string | null };

export function usageWords(usage: UsageGlance, now: number): string {
  if (usage.evaluations > 0) return `${usage.evaluations.toLocaleString('en')} in 24 h`;
  if (usage.lastEvaluated === null) return 'Never evaluated';
  const days = Math.floor((now - Date.parse(usage.lastEvaluated)) / DAY_MS);
  if (days >= QUIET_DAYS) return `Not evaluated for ${QUIET_DAYS} days`;
  return days < 1 ? 'None in 24 h' : `None for ${days} day${days === 1 ? '' : 's'}`;
}

/** True when the flag looks unused: no evaluation in the last 30 days (or ever). */
export function isQuiet(usage: UsageGlance, now: number): boolean {
  return usage.evaluations === 0 && (usage.lastEvaluated === null || now - Date.parse(usage.lastEvaluated) >= QUIET_DAYS * DAY_MS);
}

/** Points of a sparkline polyline in a width × height box, zero at the bottom (highest value at the top). */
export function sparklinePoints(values: readonly number[], width: number, height: number): string {
  if (values.length === 0) return '';
  const max = Math.max(1, ...values);
  const step = values.length === 1 ? 0 : width / (values.length - 1);
  return values.map((v, i) => `${Number((i * step).toFixed(1))},${Number((height - 1 - (v / max) * (height - 2)).toFixed(1))}`).join(' ');
}

/** Keys in batches of at most `size`, in order: one overview request each. */
export function batches<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
