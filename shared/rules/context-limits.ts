// The limits of an evaluation context, checked once per request by the edge (evaluate never
// pays for them): at most 100 top-level attributes, string values of at most 1 KiB.

import { LIMITS } from './limits.ts';
import { issue, type Issue, type PathSegment } from './issues.ts';

function checkValue(value: unknown, at: readonly PathSegment[], out: Issue[]): void {
  if (typeof value === 'string') {
    const bytes = Buffer.byteLength(value, 'utf8');
    if (bytes > LIMITS.attributeStringBytes) {
      out.push(issue(at, 'INVALID_VALUE', `the value is ${bytes} bytes; attribute strings are limited to ${LIMITS.attributeStringBytes}`));
    }
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => checkValue(v, [...at, i], out));
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, v] of Object.entries(value)) checkValue(v, [...at, key], out);
  }
}

/** Issues of a context against the context limits; an empty list when it fits. */
export function checkContext(context: unknown): Issue[] {
  if (typeof context !== 'object' || context === null || Array.isArray(context)) {
    return [issue([], 'INVALID_TYPE', 'the context must be a JSON object')];
  }
  const out: Issue[] = [];
  const count = Object.keys(context).length;
  if (count > LIMITS.contextAttributes) {
    out.push(issue([], 'LIST_TOO_LONG', `the context has ${count} attributes; the limit is ${LIMITS.contextAttributes}`));
  }
  for (const [key, value] of Object.entries(context)) checkValue(value, [key], out);
  return out;
}
