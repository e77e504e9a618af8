// Reads shared by the adapters: raw stored records in, validated port values out, with every
// record that fails reported by id and skipped.

import type { Flag, Segment } from '../rules/index.ts';
import type { AuditEntry, AuditQuery } from './admin-ports.ts';
import { decodeAudit, decodeDocument, decodeHistory } from './codec.ts';
import type { DocumentKind, DocumentOf, HistoryEntry, HistoryPage, ListFilter, Listing, Versioned } from './document-ports.ts';
import { KINDS } from './kinds.ts';
import type { Snapshot } from './ports.ts';
import type { Corrupt } from './results.ts';

export type RawRecord = { readonly id: string; readonly data: unknown };

const byKey = (a: { key: string }, b: { key: string }) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/** The live documents of one kind, sorted by key, and the corrupt ones. */
export function liveDocuments<K extends DocumentKind>(kind: K, raws: readonly RawRecord[]): { items: Versioned<DocumentOf[K]>[]; corrupt: Corrupt[] } {
  const items: Versioned<DocumentOf[K]>[] = [];
  const corrupt: Corrupt[] = [];
  for (const { id, data } of raws) {
    const decoded = decodeDocument(kind, data);
    if (decoded.state === 'live') items.push(decoded.value);
    else if (decoded.state === 'corrupt') corrupt.push({ id: `${kind}/${id}`, problem: decoded.problem });
  }
  return { items: items.sort(byKey), corrupt };
}

export function listingOf<K extends DocumentKind>(kind: K, raws: readonly RawRecord[], filter: ListFilter = {}): Listing<DocumentOf[K]> {
  const { items, corrupt } = liveDocuments(kind, raws);
  const matches = KINDS[kind].matches as (doc: DocumentOf[K], filter: ListFilter) => boolean;
  return { ok: true, items: items.filter((item) => matches(item.document, filter)), corrupt };
}

export function snapshotOf(environment: string, version: number, flags: readonly RawRecord[], segments: readonly RawRecord[]): Snapshot {
  const f = liveDocuments('flags', flags);
  const s = liveDocuments('segments', segments);
  return { environment, version, flags: f.items.map((i): Flag => i.document), segments: s.items.map((i): Segment => i.document), corrupt: [...f.corrupt, ...s.corrupt] };
}

/** Newest first; `raws` are one document's history records in any order. */
export function historyPageOf<K extends DocumentKind>(kind: K, key: string, raws: readonly RawRecord[], options: { limit?: number; before?: number } = {}): HistoryPage<DocumentOf[K]> {
  const entries: HistoryEntry<DocumentOf[K]>[] = [];
  const corrupt: Corrupt[] = [];
  for (const { id, data } of raws) {
    const decoded = decodeHistory(kind, data);
    if (decoded.ok) entries.push(decoded.entry);
    else corrupt.push({ id: `${kind}/${key}/versions/${id}`, problem: decoded.problem });
  }
  const page = entries.filter((e) => options.before === undefined || e.version < options.before).sort((a, b) => b.version - a.version);
  return { ok: true, entries: options.limit === undefined ? page : page.slice(0, options.limit), corrupt };
}

/** Newest first; entries of one instant keep the order of the environment's versions. */
export function auditPageOf(raws: readonly RawRecord[], query: AuditQuery = {}): { entries: AuditEntry[]; corrupt: Corrupt[] } {
  const entries: AuditEntry[] = [];
  const corrupt: Corrupt[] = [];
  for (const { id, data } of raws) {
    const decoded = decodeAudit(id, data);
    if (decoded.ok) entries.push(decoded.entry);
    else corrupt.push({ id: `audit/${id}`, problem: decoded.problem });
  }
  const since = query.since === undefined ? -Infinity : Date.parse(query.since);
  const until = query.until === undefined ? Infinity : Date.parse(query.until);
  const selected = entries
    .filter((e) => (query.environment === undefined || e.environment === query.environment) && Date.parse(e.at) >= since && Date.parse(e.at) < until)
    .sort((a, b) => Date.parse(b.at) - Date.parse(a.at) || (b.environmentVersion ?? 0) - (a.environmentVersion ?? 0));
  return { entries: query.limit === undefined ? selected : selected.slice(0, query.limit), corrupt };
}
