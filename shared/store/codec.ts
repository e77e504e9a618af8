// Stored records to port values, validated on the way out: a record that fails is reported with
// its id (and its version where that much is readable) and never served.

import type { DocumentKind, DocumentOf, HistoryEntry, Versioned } from './document-ports.ts';
import type { AuditEntry, Environment } from './admin-ports.ts';
import { KINDS } from './kinds.ts';
import { firstProblem, StoredAuditSchema, StoredDocumentSchema, StoredEnvironmentSchema, StoredHistorySchema, StoredKeySchema, type StoredKey } from './records.ts';
import type { Change } from './diff.ts';

export type DecodedDocument<T> =
  | { readonly state: 'absent'; readonly version: 0 }
  | { readonly state: 'deleted'; readonly version: number }
  | { readonly state: 'live'; readonly version: number; readonly value: Versioned<T> }
  | { readonly state: 'corrupt'; readonly version: number; readonly problem: string };

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; problem: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, problem: `not JSON: ${(error as Error).message}` };
  }
}

/** The version of a record even when the rest is garbage, so a corrupt document can be overwritten. */
function readableVersion(raw: unknown): number {
  const v = (raw as { version?: unknown } | null)?.version;
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : 0;
}

export function decodeDocument<K extends DocumentKind>(kind: K, raw: unknown): DecodedDocument<DocumentOf[K]> {
  if (raw === undefined) return { state: 'absent', version: 0 };
  const envelope = StoredDocumentSchema.safeParse(raw);
  if (!envelope.success) return { state: 'corrupt', version: readableVersion(raw), problem: `record ${firstProblem(envelope.error)}` };
  const { key, version, json, updatedAt, updatedBy } = envelope.data;
  if (json === null) return { state: 'deleted', version };
  const body = parseJson(json);
  if (!body.ok) return { state: 'corrupt', version, problem: body.problem };
  const document = KINDS[kind].schema.safeParse(body.value);
  if (!document.success) return { state: 'corrupt', version, problem: firstProblem(document.error) };
  // The record's version is the document's, whether it was seeded, imported or written: every read
  // (evaluation metadata, export, history) shows one shape.
  const stamped = KINDS[kind].stamp(document.data as DocumentOf[K], version);
  return { state: 'live', version, value: { key, version, document: stamped, updatedAt, updatedBy } };
}

export function decodeHistory<K extends DocumentKind>(kind: K, raw: unknown): { ok: true; entry: HistoryEntry<DocumentOf[K]> } | { ok: false; problem: string } {
  const record = StoredHistorySchema.safeParse(raw);
  if (!record.success) return { ok: false, problem: firstProblem(record.error) };
  const { json, diff, ...rest } = record.data;
  const changes = parseJson(diff);
  if (!changes.ok || !Array.isArray(changes.value)) return { ok: false, problem: 'diff is not a JSON list' };
  if (json === null) return { ok: true, entry: { ...rest, document: null, diff: changes.value as Change[] } };
  const body = parseJson(json);
  if (!body.ok) return body;
  const document = KINDS[kind].schema.safeParse(body.value);
  if (!document.success) return { ok: false, problem: firstProblem(document.error) };
  return { ok: true, entry: { ...rest, document: document.data as DocumentOf[K], diff: changes.value as Change[] } };
}

export function decodeAudit(id: string, raw: unknown): { ok: true; entry: AuditEntry } | { ok: false; problem: string } {
  const record = StoredAuditSchema.safeParse(raw);
  if (!record.success) return { ok: false, problem: firstProblem(record.error) };
  const { targetKind, targetKey, diff, ...rest } = record.data;
  const changes = parseJson(diff);
  if (!changes.ok || !Array.isArray(changes.value)) return { ok: false, problem: 'diff is not a JSON list' };
  return { ok: true, entry: { id, ...rest, target: { kind: targetKind, key: targetKey }, diff: changes.value as Change[] } };
}

export function decodeEnvironment(raw: unknown): Environment | undefined {
  const record = StoredEnvironmentSchema.safeParse(raw);
  return record.success ? record.data : undefined;
}

export function decodeKey(raw: unknown): StoredKey | undefined {
  const record = StoredKeySchema.safeParse(raw);
  return record.success ? record.data : undefined;
}
