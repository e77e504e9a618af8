// The before/after difference of two JSON documents, as changes at JSON Pointers: what history
// and the audit log show for every write.

import { ownValue } from '../rules/own.ts';

export type Change = { readonly path: string; readonly before?: unknown; readonly after?: unknown };

const escape = (segment: string) => segment.replaceAll('~', '~0').replaceAll('/', '~1');
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Objects and arrays are compared member by member; anything else as a whole. */
export function diffJson(before: unknown, after: unknown, path = ''): Change[] {
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((k) => diffJson(ownValue(before, k), ownValue(after, k), `${path}/${escape(k)}`));
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const length = Math.max(before.length, after.length);
    return Array.from({ length }, (_, i) => diffJson(before[i], after[i], `${path}/${i}`)).flat();
  }
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  return [{ path, ...(before === undefined ? {} : { before }), ...(after === undefined ? {} : { after }) }];
}

/** A change with what it does to its pointer, as history, import previews and promotions show it. */
export type ReadableChange = Change & { readonly op: 'added' | 'removed' | 'changed' };

/** A stored document without the version the store stamps on it. */
export const withoutVersion = (doc: unknown) => {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return doc;
  const { version: _, ...rest } = doc as Record<string, unknown>;
  return rest;
};

/** Added, removed and changed JSON Pointers from one document to another, the stamped version left out (null: no document). */
export function readableDiff(before: unknown, after: unknown): ReadableChange[] {
  return diffJson(withoutVersion(before ?? undefined), withoutVersion(after ?? undefined)).map((c) => ({ op: !('before' in c) ? 'added' : !('after' in c) ? 'removed' : 'changed', ...c }));
}
