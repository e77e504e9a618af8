// The semantics of a document write, decided once for every adapter: given what the transaction
// read (the environment and the document), either a refusal or the exact records to write.

import { parseWithSchema } from '../rules/index.ts';
import { decodeDocument, decodeEnvironment } from './codec.ts';
import { diffJson } from './diff.ts';
import type { DocumentKind, DocumentOf, PutResult, DeleteResult } from './document-ports.ts';
import { KINDS } from './kinds.ts';
import { compact, iso, type StoredAudit, type StoredDocument, type StoredHistory } from './records.ts';
import { conflict, NOT_FOUND, type Conflict, type Invalid, type NotFound, type Precondition, type WriteMeta } from './results.ts';

/** The records one accepted write stores, all in one transaction. */
export type WritePlan<R> = {
  readonly ok: true;
  readonly document: StoredDocument;
  readonly history: StoredHistory;
  readonly audit: StoredAudit;
  readonly environmentVersion: number;
  readonly result: R;
};

export type Admitted<T> = { readonly ok: true; readonly key: string; readonly document: T };

/** Validation on the way in, before any read. */
export function admit<K extends DocumentKind>(kind: K, input: unknown, precondition: Precondition): Admitted<DocumentOf[K]> | Invalid {
  const refused = checkPrecondition(precondition);
  if (refused) return refused;
  const parsed = parseWithSchema(KINDS[kind].schema, input);
  if (!parsed.ok) return { ok: false, reason: 'invalid', issues: parsed.issues };
  return { ok: true, key: KINDS[kind].keyOf(parsed.value), document: parsed.value };
}

/** ifMatch is required by the type; a value that is no version at all is refused, not guessed. */
export function checkPrecondition(precondition: Precondition): Invalid | undefined {
  if (Number.isInteger(precondition.ifMatch) && precondition.ifMatch >= 0) return undefined;
  return { ok: false, reason: 'invalid', issues: [{ path: '/ifMatch', code: 'INVALID_VALUE', message: 'ifMatch must be the version read (0 to create)' }] };
}

/** A document without the version its record stamps on it: what diffs and equality compare. */
export const withoutVersion = (doc: unknown) => {
  if (typeof doc !== 'object' || doc === null) return doc;
  const { version: _, ...rest } = doc as Record<string, unknown>;
  return rest;
};

type Read = { readonly environment: unknown; readonly current: unknown; readonly now: number };

/** `next` is the admitted document, or null to delete. */
function plan<K extends DocumentKind>(kind: K, environment: string, key: string, next: DocumentOf[K] | null, precondition: Precondition, read: Read) {
  const env = decodeEnvironment(read.environment);
  if (!env) return NOT_FOUND;
  const current = decodeDocument(kind, read.current);
  const exists = current.state === 'live' || current.state === 'corrupt';
  if (next === null && !exists) return NOT_FOUND;
  if (next !== null && !exists && precondition.ifMatch !== 0) return NOT_FOUND;
  const expected = exists ? current.version : 0;
  if (precondition.ifMatch !== expected) return conflict(current.version);
  const version = current.version + 1;
  const at = iso(read.now);
  const stored = next === null ? null : KINDS[kind].stamp(next, version);
  const json = stored === null ? null : JSON.stringify(stored);
  const change: StoredHistory['change'] = next === null ? 'delete' : exists ? 'update' : 'create';
  const before = current.state === 'live' ? current.value.document : undefined;
  const diff = JSON.stringify(diffJson(withoutVersion(before), withoutVersion(stored ?? undefined)));
  const meta = metaOf(precondition);
  const environmentVersion = env.version + 1;
  return {
    ok: true as const,
    version,
    stored,
    environmentVersion,
    document: { key, version, json, updatedAt: at, updatedBy: precondition.actor },
    history: compact<StoredHistory>({ key, version, change, json, actor: precondition.actor, at, ...meta, diff }),
    audit: compact<StoredAudit>({ environment, at, actor: precondition.actor, action: change, targetKind: kind, targetKey: key, version, environmentVersion, ...meta, diff }),
  };
}

export function metaOf(meta: WriteMeta): { keyId?: string; comment?: string; requestId?: string } {
  return compact({ keyId: meta.keyId, comment: meta.comment, requestId: meta.requestId });
}

export function planPut<K extends DocumentKind>(kind: K, environment: string, admitted: Admitted<DocumentOf[K]>, precondition: Precondition, read: Read): WritePlan<PutResult<DocumentOf[K]>> | Conflict | NotFound {
  const p = plan(kind, environment, admitted.key, admitted.document, precondition, read);
  if (!p.ok) return p;
  const document = p.stored as DocumentOf[K];
  const result = { ok: true as const, key: admitted.key, version: p.version, document, updatedAt: p.document.updatedAt, updatedBy: p.document.updatedBy, environmentVersion: p.environmentVersion };
  return { ok: true, document: p.document, history: p.history, audit: p.audit, environmentVersion: p.environmentVersion, result };
}

export function planDelete<K extends DocumentKind>(kind: K, environment: string, key: string, precondition: Precondition, read: Read): WritePlan<DeleteResult> | Conflict | NotFound {
  const p = plan(kind, environment, key, null, precondition, read);
  if (!p.ok) return p;
  const result = { ok: true as const, version: p.version, environmentVersion: p.environmentVersion };
  return { ok: true, document: p.document, history: p.history, audit: p.audit, environmentVersion: p.environmentVersion, result };
}
