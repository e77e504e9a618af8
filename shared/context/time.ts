// time.* attributes of the evaluation's `now` (never the clock), in UTC.

export type TimeAttributes = Readonly<{ epochMs: number; iso: string; hour: number; minute: number; weekday: string }>;

export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

/**
 * UTC on purpose: a zone-aware window ("09:00-17:00 in Europe/Berlin, across DST") is the
 * `time_window` operator's job, which needs no attribute at all.
 */
export function deriveTime(now: number): TimeAttributes | undefined {
  const date = new Date(now);
  if (!Number.isFinite(now) || Number.isNaN(date.getTime())) return undefined;
  return {
    epochMs: now,
    iso: date.toISOString(),
    hour: date.getUTCHours(),
    minute: date.getUTCMinutes(),
    weekday: WEEKDAYS[date.getUTCDay()] as string,
  };
}
