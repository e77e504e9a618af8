// The storage ports the functions see. Small on purpose: a function depends on these and never
// on Firestore or on the embedded store directly.

import type { AttributeDefinition, Flag, Segment } from '../rules/index.ts';
import type { KeyVerifier } from '../http/auth.ts';

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
  /** The environment's current version, or undefined when it does not exist: a cheap freshness probe. */
  readonly version: (environment: string) => Promise<number | undefined>;
  readonly snapshot: (environment: string) => Promise<Snapshot | undefined>;
  /** The attribute catalogue of an environment. */
  readonly attributes: (environment: string) => Promise<readonly AttributeDefinition[]>;
};

export type Stores = { readonly flags: FlagStore; readonly keys: KeyVerifier };
