// Ports for the versioned documents of an environment (flags, segments, attribute definitions):
// read one or a list, write with optimistic concurrency, and read each document's history.

import type { AttributeDefinition, Flag, Segment } from '../rules/index.ts';
import type { Change } from './diff.ts';
import type { Conflict, Corrupt, Invalid, NotFound, Precondition } from './results.ts';

export const DOCUMENT_KINDS = ['flags', 'segments', 'attributes'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
export type DocumentOf = { flags: Flag; segments: Segment; attributes: AttributeDefinition };

export type Versioned<T> = {
  readonly key: string;
  /** 1 for a new document, +1 per accepted write; never reused, even after a delete. */
  readonly version: number;
  readonly document: T;
  /** RFC 3339. */
  readonly updatedAt: string;
  readonly updatedBy: string;
};

export type GetResult<T> =
  | ({ readonly ok: true } & Versioned<T>)
  | NotFound
  | { readonly ok: false; readonly reason: 'corrupt'; readonly id: string; readonly problem: string; readonly version: number };

/** All given filters apply; `text` matches key or name, case-insensitively. */
export type ListFilter = { readonly tag?: string; readonly enabled?: boolean; readonly text?: string };
export type Listing<T> = { readonly ok: true; readonly items: readonly Versioned<T>[]; readonly corrupt: readonly Corrupt[] } | NotFound;

export type PutResult<T> = ({ readonly ok: true; readonly environmentVersion: number } & Versioned<T>) | Conflict | NotFound | Invalid;
export type DeleteResult = { readonly ok: true; readonly version: number; readonly environmentVersion: number } | Conflict | NotFound | Invalid;

export type DocumentReader<T> = {
  readonly get: (environment: string, key: string) => Promise<GetResult<T>>;
  /** Sorted by key. */
  readonly list: (environment: string, filter?: ListFilter) => Promise<Listing<T>>;
};

/**
 * Each write is one transaction: re-read the version, write the next one, append the history entry
 * and the audit entry, bump the environment's version. `put` creates with `ifMatch: 0`.
 */
export type DocumentWriter<T> = {
  readonly put: (environment: string, document: unknown, precondition: Precondition) => Promise<PutResult<T>>;
  readonly remove: (environment: string, key: string, precondition: Precondition) => Promise<DeleteResult>;
};

export type HistoryEntry<T> = {
  readonly key: string;
  readonly version: number;
  readonly change: 'create' | 'update' | 'delete';
  /** The whole document at this version; null for a delete. */
  readonly document: T | null;
  readonly actor: string;
  /** The key the write came with (recorded since IAP identities; older entries have none). */
  readonly keyId?: string;
  readonly at: string;
  readonly comment?: string;
  readonly requestId?: string;
  /** From the previous version to this one. */
  readonly diff: readonly Change[];
};

export type HistoryPage<T> = { readonly ok: true; readonly entries: readonly HistoryEntry<T>[]; readonly corrupt: readonly Corrupt[] } | NotFound;

export type VersionHistory<T> = {
  /** Newest first; `before` pages back from a version. Not found when the document never existed. */
  readonly history: (environment: string, key: string, options?: { readonly limit?: number; readonly before?: number }) => Promise<HistoryPage<T>>;
  readonly atVersion: (environment: string, key: string, version: number) => Promise<HistoryEntry<T> | undefined>;
};

export type Repository<T> = DocumentReader<T> & DocumentWriter<T> & VersionHistory<T>;
export type Repositories = { readonly [K in DocumentKind]: Repository<DocumentOf[K]> };
