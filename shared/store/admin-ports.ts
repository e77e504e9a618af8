// Ports for environments, API keys and the audit log: what the admin function writes through,
// next to the document repositories.

import type { KeyVerifier } from './api-keys.ts';
import type { Change } from './diff.ts';
import type { DocumentKind } from './document-ports.ts';
import type { Conflict, Corrupt, Invalid, NotFound, Precondition, WriteMeta } from './results.ts';

export type Environment = {
  readonly key: string;
  readonly name: string;
  readonly description?: string;
  /** What `FlagStore.version` returns: +1 per accepted write to the environment. */
  readonly version: number;
  readonly createdAt: string;
  readonly createdBy: string;
};

export type EnvironmentInput = { readonly key: string; readonly name?: string; readonly description?: string };

export type EnvironmentStore = {
  readonly list: () => Promise<readonly Environment[]>;
  /** An existing key is a conflict carrying that environment's version. */
  readonly create: (input: EnvironmentInput, meta: WriteMeta) => Promise<{ readonly ok: true; readonly environment: Environment } | Conflict | Invalid>;
};

export type KeyScope =
  | { readonly kind: 'sdk'; readonly environment: string; readonly access?: 'client' | 'server'; readonly allowedOrigins?: readonly string[] }
  | { readonly kind: 'admin'; readonly role: 'viewer' | 'editor' | 'admin' };

export type KeyRecord = KeyScope & {
  readonly id: string;
  readonly name: string;
  /** Enough of the secret to recognise it (`sy_sdk_…a1b2`); the secret itself is never stored. */
  readonly hint: string;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly revokedAt?: string;
  /** Set by rotation: the key works until then (the overlap window). */
  readonly expiresAt?: string;
  readonly replacedBy?: string;
};

/** The only time a secret is seen. */
export type IssuedKey = { readonly ok: true; readonly key: KeyRecord; readonly secret: string };

export type KeyIssuer = {
  /** Not found when an SDK key names an environment that does not exist. */
  readonly create: (input: KeyScope & { readonly name: string }, meta: WriteMeta) => Promise<IssuedKey | NotFound | Invalid>;
  /** A new key with the same scope; the old one keeps working until `overlapUntil` (RFC 3339). */
  readonly rotate: (id: string, options: { readonly overlapUntil: string }, meta: WriteMeta) => Promise<IssuedKey | NotFound | Invalid>;
};

export type KeyRegistry = {
  readonly list: (filter?: { readonly environment?: string; readonly kind?: KeyScope['kind'] }) => Promise<readonly KeyRecord[]>;
  /** Effective at once; revoking a revoked key is a no-op that succeeds. */
  readonly revoke: (id: string, meta: WriteMeta) => Promise<{ readonly ok: true; readonly key: KeyRecord } | NotFound>;
};

/** `findByHash` honours revocation and the rotation overlap against the injected clock. */
export type KeyStore = KeyVerifier & KeyIssuer & KeyRegistry;

export type AuditTarget = { readonly kind: 'flags' | 'segments' | 'attributes' | 'environments' | 'apiKeys'; readonly key: string };

export type AuditEntry = {
  readonly id: string;
  /** Null for what belongs to no environment (admin keys). */
  readonly environment: string | null;
  readonly at: string;
  readonly actor: string;
  /** The key the write came with. */
  readonly keyId?: string;
  readonly action: 'create' | 'update' | 'delete' | 'revoke' | 'rotate';
  readonly target: AuditTarget;
  /** The target's version after the write, where it has one. */
  readonly version?: number;
  readonly environmentVersion?: number;
  readonly comment?: string;
  readonly requestId?: string;
  readonly diff: readonly Change[];
};

export type AuditQuery = {
  readonly environment?: string;
  /** RFC 3339, inclusive. */
  readonly since?: string;
  /** RFC 3339, exclusive. */
  readonly until?: string;
  readonly limit?: number;
};

/** Append-only: entries are written inside the write transactions of the other ports; none is ever updated. */
export type AuditLog = {
  /** Newest first; entries of one instant in environment-version order where both have one. */
  readonly list: (query?: AuditQuery) => Promise<{ readonly entries: readonly AuditEntry[]; readonly corrupt: readonly Corrupt[] }>;
};

/** Documents as exported: each list optional; documents not named are left as they are. */
export type ImportInput = { readonly [K in DocumentKind]?: readonly unknown[] };

type Versioned = { readonly kind: DocumentKind; readonly key: string; readonly version: number };

export type ImportResult = {
  readonly ok: true;
  readonly environmentVersion: number;
  readonly written: readonly Versioned[];
  /** Documents equal to the stored ones (version aside): not written, no new version or history entry. */
  readonly unchanged: readonly Versioned[];
};

/** What importing one document would do to the one stored under its key. */
export type ImportChange =
  | { readonly kind: DocumentKind; readonly key: string; readonly change: 'added' }
  | { readonly kind: DocumentKind; readonly key: string; readonly change: 'changed'; readonly version: number; readonly diff: readonly Change[] }
  | { readonly kind: DocumentKind; readonly key: string; readonly change: 'unchanged'; readonly version: number };

export type ImportPreview = { readonly ok: true; readonly environmentVersion: number; readonly changes: readonly ImportChange[] };

export type EnvironmentImporter = {
  /**
   * Creates or replaces every document given, in one transaction: all are written or none.
   * `ifMatch` is the environment's version (`FlagStore.version`); invalid documents are listed
   * at `/flags/<i>/...` and nothing is written.
   */
  readonly importDocuments: (environment: string, input: ImportInput, precondition: Precondition) => Promise<ImportResult | Conflict | NotFound | Invalid>;
  /**
   * What `importDocuments` would do, read the same way, writing nothing: each document added,
   * changed (with the diff from the stored one) or unchanged, in the order given. With `ifMatch`,
   * a changed environment is a conflict, as the import would be.
   */
  readonly previewImport: (environment: string, input: ImportInput, ifMatch?: number) => Promise<ImportPreview | Conflict | NotFound | Invalid>;
};
