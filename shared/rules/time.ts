// Instants relative to `now` and wall-clock windows in IANA time zones. The clock is always
// passed in; zone rules (DST included) come from Intl.

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;
const RELATIVE = /^now(?:([+-])(\d{1,6})([mhdw]))?$/;

/** The offset from `now` in ms of `now`, `now-30d`, `now+2h`; undefined when not relative. */
export function parseRelative(text: string): number | undefined {
  const m = RELATIVE.exec(text);
  if (!m) return undefined;
  if (!m[1]) return 0;
  return (m[1] === '-' ? -1 : 1) * Number(m[2]) * UNIT_MS[m[3] as keyof typeof UNIT_MS];
}

export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;

/** Minutes since midnight of `HH:MM` (`24:00` allowed as an end), or undefined. */
export function parseClock(text: string): number | undefined {
  const m = HH_MM.exec(text);
  if (!m) return undefined;
  return m[1] === undefined ? 1440 : Number(m[1]) * 60 + Number(m[2]);
}

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export type LocalTime = { readonly weekday: number; readonly minutes: number };

const WEEKDAY_INDEX: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

/**
 * A reader of the local weekday and minute of an instant in one zone. PERFORMANCE NOTE: formatting
 * costs microseconds, so the last answer is kept: the evaluations of one request share `now`.
 */
export function localClockFor(tz: string): (epochMs: number) => LocalTime {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone: tz,
    hourCycle: 'h23',
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
  });
  let lastMs = Number.NaN;
  let last: LocalTime = { weekday: 0, minutes: 0 };
  return (epochMs) => {
    if (epochMs === lastMs) return last;
    let weekday = 0;
    let hour = 0;
    let minute = 0;
    for (const part of format.formatToParts(epochMs)) {
      if (part.type === 'weekday') weekday = WEEKDAY_INDEX[part.value] ?? 0;
      else if (part.type === 'hour') hour = Number(part.value);
      else if (part.type === 'minute') minute = Number(part.value);
    }
    lastMs = epochMs;
    last = { weekday, minutes: hour * 60 + minute };
    return last;
  };
}

export type TimeWindow = {
  /** Weekday indexes (0 = Sunday) the window starts on; null means every day. */
  readonly days: ReadonlySet<number> | null;
  readonly from: number;
  readonly to: number;
};

/**
 * `from` inclusive, `to` exclusive. A window whose `from` is later than its `to` crosses midnight
 * and belongs to the day it starts on, so its early-morning part checks the previous weekday.
 */
export function inWindow(window: TimeWindow, local: LocalTime): boolean {
  const { days, from, to } = window;
  const { weekday, minutes } = local;
  if (from < to) return minutes >= from && minutes < to && (days === null || days.has(weekday));
  if (minutes >= from) return days === null || days.has(weekday);
  if (minutes < to) return days === null || days.has((weekday + 6) % 7);
  return false;
}
