// Query parameters: one optional string each. A repeated parameter (`?environment=a&environment=b`)
// or a bracketed one (`?environment[]=a`, `?environment[x]=a`, which Express's parsers turn into
// arrays, objects or keys of their own) is an error rather than a silent pick or a silent miss, so
// a filter is never ignored and a listing never widens. Routes that filter also refuse parameters
// they do not know (`?enviroment=dev` would otherwise list every environment's keys).

import { problem, type Problem } from './problem.ts';
import type { HttpRequest } from './types.ts';

export type QueryResult = { ok: true; value: string | undefined } | { ok: false; problem: Problem };

/** The name a query key stands for: `environment` for `environment`, `environment[]`, `environment[x]`. */
const baseName = (key: string) => {
  const bracket = key.indexOf('[');
  return bracket < 0 ? key : key.slice(0, bracket);
};

const notPlain = (name: string): QueryResult => ({
  ok: false,
  problem: problem('INVALID_QUERY', `query parameter "${name}" must appear once, as a plain string (no brackets, no repeats)`, [{ path: `?${name}`, code: 'INVALID_VALUE', message: 'give one value' }]),
});

const ABSENT: QueryResult = Object.freeze({ ok: true, value: undefined });

/**
 * The single value of query parameter `name`, or undefined when absent. PERFORMANCE NOTE: a URL
 * without a query answers at once: Express 5 parses `request.query` again on every read.
 */
export function queryParam(request: HttpRequest, name: string): QueryResult {
  if (request.url !== undefined && !request.url.includes('?')) return ABSENT;
  const query = request.query as Readonly<Record<string, unknown>>;
  for (const key of Object.keys(query)) if (key !== name && baseName(key) === name) return notPlain(name);
  if (!Object.hasOwn(query, name)) return { ok: true, value: undefined };
  const raw = query[name];
  return typeof raw === 'string' ? { ok: true, value: raw } : notPlain(name);
}

/** A problem for the first query parameter not in `known` (by its name before any bracket), or undefined. */
export function unknownQuery(request: HttpRequest, known: readonly string[]): Problem | undefined {
  const stray = Object.keys(request.query as object).map(baseName).find((name) => !known.includes(name));
  if (stray === undefined) return undefined;
  const expected = known.length === 0 ? 'this route takes no query parameters' : `this route takes ${known.map((k) => `"${k}"`).join(', ')}`;
  return problem('INVALID_QUERY', `unknown query parameter "${stray}"; ${expected}`, [{ path: `?${stray}`, code: 'UNKNOWN_FIELD', message: expected }]);
}

/** `0` or a digit string without a leading zero, up to 15 digits: never `1e0`, `0x1`, `1.0`, `+1`, `01` or ` 1`. */
export function canonicalInteger(text: string | undefined): number | undefined {
  return text !== undefined && /^(?:0|[1-9]\d{0,14})$/.test(text) ? Number(text) : undefined;
}
