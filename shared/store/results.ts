// The outcomes every write port shares: unions, never exceptions, so a caller maps each reason to
// its HTTP status in one place (conflict -> 412, not_found -> 404, invalid -> 400).

import type { Issue } from '../rules/index.ts';

export type NotFound = { readonly ok: false; readonly reason: 'not_found' };
/** The expected version was stale (or the thing already exists); nothing was written. */
export type Conflict = { readonly ok: false; readonly reason: 'conflict'; readonly currentVersion: number };
/** The document failed validation on the way in; nothing was written. */
export type Invalid = { readonly ok: false; readonly reason: 'invalid'; readonly issues: readonly Issue[] };

/** Who writes, and why: recorded in history and in the audit log. */
/** `keyId`: the key the write came with, always recorded beside the actor (who may be a verified IAP user). */
export type WriteMeta = { readonly actor: string; readonly keyId?: string; readonly comment?: string; readonly requestId?: string };

/** A write to a versioned document: `ifMatch` is the version the caller read (0: must not exist). */
export type Precondition = WriteMeta & { readonly ifMatch: number };

/** A stored document that failed validation on the way out: reported with its id, never served. */
export type Corrupt = { readonly id: string; readonly problem: string };

export const NOT_FOUND: NotFound = { ok: false, reason: 'not_found' };
export const conflict = (currentVersion: number): Conflict => ({ ok: false, reason: 'conflict', currentVersion });
