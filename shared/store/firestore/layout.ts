// Where everything lives in Firestore (shared/store/README.md draws the same tree), and how
// records cross the boundary: RFC 3339 strings <-> Timestamps, no undefined fields.

import type { Firestore } from '@google-cloud/firestore';
import { firestoreModule } from './client-module.ts';
import type { DocumentKind } from '../document-ports.ts';

const TIME_FIELDS = new Set(['updatedAt', 'at', 'createdAt', 'revokedAt', 'expiresAt']);

/** A document id for any key: `/` cannot appear in an id, nor may one look like `__name__`. */
export function documentId(key: string): string {
  const escaped = key.replaceAll('%', '%25').replaceAll('/', '%2F');
  return /^__.*__$/.test(escaped) ? `%5F${escaped.slice(1)}` : escaped;
}

export function layout(db: Firestore) {
  const environment = (env: string) => db.collection('environments').doc(documentId(env));
  const documents = (env: string, kind: DocumentKind) => environment(env).collection(kind);
  const document = (env: string, kind: DocumentKind, key: string) => documents(env, kind).doc(documentId(key));
  return {
    environments: () => db.collection('environments'),
    environment,
    documents,
    document,
    versions: (env: string, kind: DocumentKind, key: string) => document(env, kind, key).collection('versions'),
    version: (env: string, kind: DocumentKind, key: string, version: number) => document(env, kind, key).collection('versions').doc(String(version)),
    audit: () => db.collection('audit'),
    apiKeys: () => db.collection('apiKeys'),
    apiKey: (hash: string) => db.collection('apiKeys').doc(hash),
  };
}
export type Layout = ReturnType<typeof layout>;

/** A stored record as Firestore data: time fields as Timestamps, undefined fields dropped. */
export function toFirestore(record: object): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(record)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, TIME_FIELDS.has(k) && typeof v === 'string' ? firestoreModule().Timestamp.fromDate(new Date(v)) : v]),
  );
}

/** Firestore data as a stored record (Timestamps back to RFC 3339); anything else is left for zod to judge. */
export function fromFirestore(data: unknown): unknown {
  if (typeof data !== 'object' || data === null) return data;
  return Object.fromEntries(Object.entries(data).map(([k, v]) => [k, v instanceof firestoreModule().Timestamp ? v.toDate().toISOString() : v]));
}

export const dataOf = (snapshot: { exists: boolean; data: () => unknown }) => (snapshot.exists ? fromFirestore(snapshot.data()) : undefined);
