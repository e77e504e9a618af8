// What an import would do, in words: the admin API's dry run answers, per document, added,
// changed (with the JSON Pointer diff from the stored one) or unchanged; the console shows each
// change as history does (change-words.ts), which needs the stored document too: it is the file's
// document with the diff taken back.

import { changesInWords, type Change } from './change-words.ts';

export type ImportKind = 'flags' | 'segments' | 'attributes';
export type DiffEntry = { readonly path: string; readonly before?: unknown; readonly after?: unknown };
export type PreviewChange = { readonly kind: string; readonly key: string; readonly change: string; readonly version?: number | undefined; readonly diff?: readonly DiffEntry[] | undefined };
export type ImportBody = { readonly flags?: readonly unknown[]; readonly segments?: readonly unknown[]; readonly attributes?: readonly unknown[] };

/** One document of the preview as shown: its kind in words, and for a changed one the sentences of its diff. */
export type PreviewLine = { readonly kind: string; readonly key: string; readonly change: 'added' | 'changed' | 'unchanged'; readonly version?: number; readonly words: readonly string[] };

const KIND_WORDS: Record<string, string> = { flags: 'Flag', segments: 'Segment', attributes: 'Attribute' };

const unescape = (part: string) => part.replace(/~1/g, '/').replace(/~0/g, '~');
const isContainer = (v: unknown): v is Record<string, unknown> | unknown[] => typeof v === 'object' && v !== null;

/** The imported file's body when it is an object (an export, or `{ flags?, segments?, attributes? }`). */
export function importBodyOf(json: unknown): ImportBody | undefined {
  return typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as ImportBody) : undefined;
}

/** A diff entry as history names it: added, removed or changed. */
export function asChange(entry: DiffEntry): Change {
  const op = entry.before === undefined ? 'added' : entry.after === undefined ? 'removed' : 'changed';
  return { op, path: entry.path, ...(entry.before === undefined ? {} : { before: entry.before }), ...(entry.after === undefined ? {} : { after: entry.after }) };
}

/**
 * The document a diff was taken from, given the document it leads to: every change taken back,
 * the deepest and the last array places first so that removing an added array item leaves the
 * places before it as they were.
 */
export function documentBefore(after: unknown, diff: readonly DiffEntry[]): unknown {
  if (diff.some((d) => d.path === '')) return diff.find((d) => d.path === '')!.before;
  const doc = structuredClone(after) as unknown;
  if (!isContainer(doc)) return doc;
  const ordered = [...diff].sort((a, b) => b.path.localeCompare(a.path, 'en', { numeric: true }));
  for (const entry of ordered) {
    const parts = entry.path.split('/').slice(1).map(unescape);
    const last = parts.pop()!;
    let parent: unknown = doc;
    for (const part of parts) {
      const holder = parent as Record<string, unknown>;
      if (!isContainer(holder[part])) holder[part] = /^\d+$/.test(part) ? [] : {};
      parent = holder[part];
    }
    if (Array.isArray(parent)) {
      if (entry.before === undefined) parent.splice(Number(last), 1);
      else parent[Number(last)] = entry.before;
    } else if (entry.before === undefined) delete (parent as Record<string, unknown>)[last];
    else (parent as Record<string, unknown>)[last] = entry.before;
  }
  return doc;
}

const documentIn = (body: ImportBody, kind: string, key: string): unknown =>
  (body[kind as ImportKind] ?? []).find((d) => typeof d === 'object' && d !== null && (d as { key?: unknown }).key === key);

/** Each document of the preview, in the order sent, with its change in words. */
export function previewLines(changes: readonly PreviewChange[], body: ImportBody): PreviewLine[] {
  return changes.map((c) => {
    const kind = KIND_WORDS[c.kind] ?? c.kind;
    const change = c.change === 'added' || c.change === 'changed' ? c.change : 'unchanged';
    const version = c.version === undefined ? {} : { version: c.version };
    if (change !== 'changed' || !c.diff) return { kind, key: c.key, change, ...version, words: [] };
    const after = documentIn(body, c.kind, c.key);
    const words = changesInWords(c.diff.map(asChange), documentBefore(after, c.diff), after).map((w) => w.text);
    return { kind, key: c.key, change, ...version, words };
  });
}

/** The counts in one line: `2 added, 1 changed, 3 unchanged`. */
export function countsLine(summary: { added: number; changed: number; unchanged: number }): string {
  return `${summary.added} added, ${summary.changed} changed, ${summary.unchanged} unchanged`;
}

/** A golden test failure's place (`/flags/2/tests/0`) named by its flag: `flag dark-mode, test 1`. */
export function goldenPlace(path: string, body: ImportBody): string {
  const m = /^\/(flags)\/(\d+)\/tests\/(\d+)/.exec(path);
  if (!m) return path;
  const doc = body.flags?.[Number(m[2])] as { key?: unknown } | undefined;
  return `flag ${typeof doc?.key === 'string' ? doc.key : Number(m[2]) + 1}, test ${Number(m[3]) + 1}`;
}
