// Case-insensitive, bounded reading of request headers, so no header value can cost much or throw.

export type RequestHeaders = Readonly<Record<string, string | string[] | undefined>>;

/** Reads one header by name (any case); `undefined` when absent, empty or not text. */
export type HeaderReader = (name: string) => string | undefined;

/** Characters of a header value considered; the rest is cut off before any parsing. */
export const MAX_HEADER_CHARS = 512;

function firstText(value: unknown): string | undefined {
  // Repeated headers arrive as arrays from some frameworks; the first occurrence is the one a proxy set.
  const text = Array.isArray(value) ? value[0] : value;
  if (typeof text !== 'string') return undefined;
  const trimmed = text.slice(0, MAX_HEADER_CHARS).trim();
  return trimmed === '' ? undefined : trimmed;
}

export function headerReader(headers: RequestHeaders): HeaderReader {
  if (typeof headers !== 'object' || headers === null) return () => undefined;
  // Node lowercases header names already: then each read is one lookup. Other callers may not,
  // so a mixed-case set is indexed once by lower case.
  let mixedCase = false;
  for (const name in headers) {
    if (name !== name.toLowerCase()) {
      mixedCase = true;
      break;
    }
  }
  if (!mixedCase) return (name) => firstText(Object.hasOwn(headers, name.toLowerCase()) ? headers[name.toLowerCase()] : undefined);
  const byName = new Map<string, unknown>();
  for (const [name, value] of Object.entries(headers)) {
    const key = name.toLowerCase();
    if (!byName.has(key)) byName.set(key, value);
  }
  return (name) => firstText(byName.get(name.toLowerCase()));
}
