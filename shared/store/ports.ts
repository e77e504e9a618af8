// The storage ports the functions see. Small on purpose: a function depends on these and never
// on Firestore or on the embedded store directly. The write side is split by concern in
// document-ports.ts (flags, segments, attributes) and admin-ports.ts (environments, keys, audit).

import type { AttributeDefinition, Flag, Segment } from '../rules/index.ts';
import type { KeyVerifier } from './api-keys.ts';
import type { AuditLog, EnvironmentImporter, EnvironmentStore, KeyStore } from './admin-ports.ts';
import type { Repositories } from './document-ports.ts';

/** One environment's flags and segments at one version, as stored (validated on the way out). */
export type Snapshot = {
  readonly environment: string;
  /** Increases with every accepted write to the environment. */
  readonly version: number;
  readonly flags: readonly Flag[];
  readonly segments: readonly Segment[];
  /** Documents that failed validation on the way out: reported, never served. */
  readonly corrupt: readonly { readonly id: string; readonly problem: string }[];
};

export type FlagStore = {
  /**
   * The environment's current version, or undefined when it does not exist: a cheap freshness probe.
   * `atLeast` says a notice announced that version: a cache in front of the store that holds less
   * asks the store itself.
   */
  readonly version: (environment: string, atLeast?: number) => Promise<number | undefined>;
  readonly snapshot: (environment: string) => Promise<Snapshot | undefined>;
  /** The attribute catalogue of an environment. */
  readonly attributes: (environment: string) => Promise<readonly AttributeDefinition[]>;
};

export type Stores = { readonly flags: FlagStore; readonly keys: KeyVerifier };

/** Everything the admin function writes through; the read ports above see the same data. */
export type AdminStores = Stores & {
  readonly environments: EnvironmentStore;
  readonly documents: Repositories;
  readonly apiKeys: KeyStore;
  readonly audit: AuditLog;
  /** Many documents in one transaction (the admin function's import). */
  readonly imports: EnvironmentImporter;
};

export type { Repositories, Repository, DocumentKind, DocumentOf, Versioned, ListFilter, HistoryEntry } from './document-ports.ts';
export type { EnvironmentStore, EnvironmentImporter, ImportInput, ImportResult, Environment, KeyStore, KeyRecord, KeyScope, AuditLog, AuditEntry } from './admin-ports.ts';
export type { Conflict, NotFound, Invalid, Precondition, WriteMeta, Corrupt } from './results.ts';
