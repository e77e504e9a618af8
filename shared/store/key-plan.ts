// API key semantics shared by the adapters: secrets made and shown once, only their SHA-256
// stored; revocation and the rotation overlap judged against the injected clock.

import { randomBytes } from 'node:crypto';
import { hashKey, type Principal } from './api-keys.ts';
import type { KeyScope } from './admin-ports.ts';
import { diffJson } from './diff.ts';
import { compact, iso, type StoredAudit, type StoredKey } from './records.ts';
import type { WriteMeta } from './results.ts';
import { metaOf } from './write-plan.ts';

export type KeyRandomness = { readonly id: () => string; readonly secret: (kind: KeyScope['kind']) => string };

export const cryptoRandomness: KeyRandomness = {
  id: () => `key_${randomBytes(9).toString('base64url')}`,
  secret: (kind) => `sy_${kind}_${randomBytes(24).toString('base64url')}`,
};

export function usable(key: StoredKey, now: number): boolean {
  if (key.revokedAt !== undefined && Date.parse(key.revokedAt) <= now) return false;
  return key.expiresAt === undefined || now < Date.parse(key.expiresAt);
}

export function principalOf(key: StoredKey): Principal {
  const expiresAt = key.expiresAt === undefined ? {} : { expiresAt: Date.parse(key.expiresAt) };
  const origins = key.kind === 'sdk' && key.allowedOrigins ? { allowedOrigins: key.allowedOrigins } : {};
  return key.kind === 'sdk'
    ? { kind: 'sdk', keyId: key.id, name: key.name, environment: key.environment, access: key.access, ...origins, ...expiresAt }
    : { kind: 'admin', keyId: key.id, name: key.name, role: key.role, ...expiresAt };
}

const environmentOf = (key: StoredKey | (KeyScope & { name: string })) => (key.kind === 'sdk' ? key.environment : null);

/** `environmentVersion`: what the environment moved to, when the change can alter its evaluations (an SDK key revoked or retired). */
export function keyAudit(action: StoredAudit['action'], before: StoredKey | undefined, after: StoredKey, meta: WriteMeta, now: number, environmentVersion?: number): StoredAudit {
  return compact({ environment: environmentOf(after), at: iso(now), actor: meta.actor, action, targetKind: 'apiKeys' as const, targetKey: after.id, environmentVersion, ...metaOf(meta), diff: JSON.stringify(diffJson(before, after)) });
}

/**
 * The environment whose version a key change moves: revoking or rotating an SDK key changes who
 * may evaluate there, so it moves the version every instance confirms (a revocation then obeys the
 * freshness bound, and change streams announce it). Admin keys belong to no environment.
 */
export const movedEnvironment = (key: KeyScope): string | undefined => (key.kind === 'sdk' ? key.environment : undefined);

const KIND_PREFIX = /^sy_(?:sdk|client|admin)_/;

/**
 * What a key list shows of a secret: its kind prefix (`sy_sdk_`), when it has one, and at most
 * the last 4 characters of the rest, never more than a quarter of it (a 12-character key shows 3,
 * a 7-character one none). Enough to tell keys apart, never enough to shorten a guess much.
 */
export function hintOf(secret: string): string {
  const prefix = KIND_PREFIX.exec(secret)?.[0] ?? '';
  const rest = secret.slice(prefix.length);
  const shown = Math.min(4, Math.floor(rest.length / 4));
  return `${prefix}…${shown === 0 ? '' : rest.slice(-shown)}`;
}

export type Issue = { readonly hash: string; readonly secret: string; readonly stored: StoredKey };

export function issueKey(input: KeyScope & { readonly name: string }, meta: WriteMeta, now: number, random: KeyRandomness): Issue {
  const secret = random.secret(input.kind);
  const common = { id: random.id(), name: input.name, hint: hintOf(secret), createdAt: iso(now), createdBy: meta.actor };
  const stored: StoredKey =
    input.kind === 'sdk'
      ? { kind: 'sdk', environment: input.environment, access: input.access ?? 'server', ...(input.allowedOrigins ? { allowedOrigins: [...input.allowedOrigins] } : {}), ...common }
      : { kind: 'admin', role: input.role, ...common };
  return { hash: hashKey(secret), secret, stored };
}

/** The successor keeps the old key's scope and name; the old one works until `overlapUntil` at the latest. */
export function rotateKey(old: StoredKey, overlapUntil: string, meta: WriteMeta, now: number, random: KeyRandomness): { issued: Issue; old: StoredKey } {
  const issued = issueKey(old, meta, now, random);
  const until = Date.parse(overlapUntil);
  const current = old.expiresAt === undefined ? Infinity : Date.parse(old.expiresAt);
  return { issued, old: { ...old, expiresAt: iso(Math.min(until, current)), replacedBy: issued.stored.id } };
}
