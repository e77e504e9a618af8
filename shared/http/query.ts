// Query parameters: one optional string each. A repeated parameter is an error rather than a
// silent pick, so `?environment=a&environment=b` never reads the wrong environment.

import { problem, type Problem } from './problem.ts';
import type { HttpRequest } from './types.ts';

export type QueryResult = { ok: true; value: string | undefined } | { ok: false; problem: Problem };

/** The single value of query parameter `name`, or undefined when absent. */
export function queryParam(request: HttpRequest, name: string): QueryResult {
  const raw = request.query[name];
  if (raw === undefined) return { ok: true, value: undefined };
  if (typeof raw === 'string') return { ok: true, value: raw };
  return {
    ok: false,
    problem: problem('INVALID_QUERY', `query parameter "${name}" must appear once, as a plain string`, [{ path: `?${name}`, code: 'INVALID_VALUE', message: 'give one value' }]),
  };
}
