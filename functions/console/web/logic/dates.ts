// Dates as people read them: local date and time with the time zone named, so a time in the
// history or the library is never ambiguous between colleagues in different zones.

const FORMAT: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' };

/** `Dec 5, 2026, 02:45 PM UTC` (in the browser's locale and zone); the input unchanged when it is not a date. */
export function formatDateTime(iso: string, locale?: string, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(locale, timeZone ? { ...FORMAT, timeZone } : FORMAT);
}

/** The short name of the browser's time zone at a date (`EST`, `GMT+1`): what a datetime-local field means. */
export function zoneName(at: Date = new Date(), locale?: string, timeZone?: string): string {
  const parts = new Intl.DateTimeFormat(locale, { timeZoneName: 'short', ...(timeZone ? { timeZone } : {}) }).formatToParts(at);
  return parts.find((p) => p.type === 'timeZoneName')?.value ?? 'local time';
}
