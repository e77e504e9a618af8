// The embedded store's state: stored records exactly as an adapter keeps them (raw, validated on
// the way out), so tests can plant a corrupt one and see it reported like Firestore's.

import type { DocumentKind } from '../document-ports.ts';
import type { RawRecord } from '../read-model.ts';
import type { StoredAudit, StoredDocument, StoredHistory } from '../records.ts';
import type { WritePlan } from '../write-plan.ts';

export type MemoryEnvironment = {
  record: unknown;
  readonly documents: { readonly [K in DocumentKind]: Map<string, unknown> };
  /** `${kind}/${key}` to version to history record. */
  readonly history: Map<string, Map<number, unknown>>;
};

export type MemoryState = {
  readonly environments: Map<string, MemoryEnvironment>;
  /** Oldest first; only ever appended to. */
  readonly audit: RawRecord[];
  /** By the SHA-256 of the secret. */
  readonly keys: Map<string, unknown>;
};

export function emptyEnvironment(record: unknown): MemoryEnvironment {
  return { record, documents: { flags: new Map(), segments: new Map(), attributes: new Map() }, history: new Map() };
}

export function rawRecords(map: ReadonlyMap<string | number, unknown>): RawRecord[] {
  return [...map].map(([id, data]) => ({ id: String(id), data }));
}

export function appendAudit(state: MemoryState, record: StoredAudit): void {
  state.audit.push({ id: `a${String(state.audit.length + 1).padStart(9, '0')}`, data: record });
}

export function appendHistory(env: MemoryEnvironment, kind: DocumentKind, record: StoredHistory): void {
  const id = `${kind}/${record.key}`;
  const versions = env.history.get(id) ?? new Map<number, unknown>();
  // Append-only, as Firestore's create(): a second record for one version is a bug.
  if (versions.has(record.version)) throw new Error(`history ${id} already has version ${record.version}`);
  versions.set(record.version, record);
  env.history.set(id, versions);
}

/** Applies an accepted write; synchronous, so it is atomic on the event loop. */
export function commit(state: MemoryState, environment: string, kind: DocumentKind, plan: WritePlan<unknown>): void {
  const env = state.environments.get(environment);
  if (!env) throw new Error(`no environment "${environment}"`);
  const document: StoredDocument = plan.document;
  appendHistory(env, kind, plan.history);
  env.documents[kind].set(document.key, document);
  env.record = { ...(env.record as object), version: plan.environmentVersion };
  appendAudit(state, plan.audit);
}
