// The embedded store's environments, API keys and audit log.

import { parseWithSchema } from '../../rules/index.ts';
import type { AuditLog, EnvironmentStore, KeyRecord, KeyStore } from '../admin-ports.ts';
import { decodeEnvironment, decodeKey } from '../codec.ts';
import { admitEnvironment, planEnvironment } from '../environment-plan.ts';
import { issueKey, keyAudit, movedEnvironment, principalOf, rotateKey, usable, type KeyRandomness } from '../key-plan.ts';
import { auditPageOf } from '../read-model.ts';
import { iso, KeyInputSchema, RotationSchema, type StoredKey } from '../records.ts';
import { conflict, NOT_FOUND } from '../results.ts';
import { appendAudit, emptyEnvironment, type MemoryState } from './state.ts';

export function memoryEnvironments(state: MemoryState, now: () => number): EnvironmentStore {
  return {
    list: async () => [...state.environments.values()].flatMap((env) => decodeEnvironment(env.record) ?? []).sort((a, b) => (a.key < b.key ? -1 : 1)),
    create: async (input, meta) => {
      const admitted = admitEnvironment(input);
      if (!admitted.ok) return admitted;
      const existing = state.environments.get(admitted.input.key);
      if (existing) return conflict(decodeEnvironment(existing.record)?.version ?? 0);
      const plan = planEnvironment(admitted.input, meta, now());
      state.environments.set(plan.record.key, emptyEnvironment(plan.record));
      appendAudit(state, plan.audit);
      return { ok: true, environment: plan.environment };
    },
  };
}

export function memoryAudit(state: MemoryState): AuditLog {
  // Newest first in, so entries of one instant stay newest first after the stable sort.
  return { list: async (query) => auditPageOf([...state.audit].reverse(), query) };
}

export function memoryKeys(state: MemoryState, now: () => number, random: KeyRandomness): KeyStore {
  /** Moves the version of the environment an SDK key belongs to; see movedEnvironment. */
  const move = (key: StoredKey): number | undefined => {
    const name = movedEnvironment(key);
    const env = name === undefined ? undefined : state.environments.get(name);
    const version = env && decodeEnvironment(env.record)?.version;
    if (!env || version === undefined) return undefined;
    env.record = { ...(env.record as object), version: version + 1 };
    return version + 1;
  };
  const byId = (id: string): { hash: string; key: StoredKey } | undefined => {
    for (const [hash, raw] of state.keys) {
      const key = decodeKey(raw);
      if (key?.id === id) return { hash, key };
    }
    return undefined;
  };
  return {
    findByHash: (hash) => {
      const key = decodeKey(state.keys.get(hash));
      return key && usable(key, now()) ? principalOf(key) : undefined;
    },
    create: async (input, meta) => {
      const parsed = parseWithSchema(KeyInputSchema, input);
      if (!parsed.ok) return { ok: false, reason: 'invalid', issues: parsed.issues };
      if (parsed.value.kind === 'sdk' && !state.environments.has(parsed.value.environment)) return NOT_FOUND;
      const issued = issueKey(parsed.value, meta, now(), random);
      state.keys.set(issued.hash, issued.stored);
      appendAudit(state, keyAudit('create', undefined, issued.stored, meta, now()));
      return { ok: true, key: issued.stored, secret: issued.secret };
    },
    rotate: async (id, options, meta) => {
      const parsed = parseWithSchema(RotationSchema, options);
      if (!parsed.ok) return { ok: false, reason: 'invalid', issues: parsed.issues };
      const found = byId(id);
      if (!found || !usable(found.key, now())) return NOT_FOUND;
      const rotation = rotateKey(found.key, parsed.value.overlapUntil, meta, now(), random);
      state.keys.set(found.hash, rotation.old);
      state.keys.set(rotation.issued.hash, rotation.issued.stored);
      appendAudit(state, keyAudit('rotate', found.key, rotation.old, meta, now(), move(found.key)));
      return { ok: true, key: rotation.issued.stored, secret: rotation.issued.secret };
    },
    list: async (filter = {}) =>
      [...state.keys.values()]
        .flatMap((raw): KeyRecord[] => { const key = decodeKey(raw); return key ? [key] : []; })
        .filter((k) => (filter.kind === undefined || k.kind === filter.kind) && (filter.environment === undefined || (k.kind === 'sdk' && k.environment === filter.environment)))
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id)),
    revoke: async (id, meta) => {
      const found = byId(id);
      if (!found) return NOT_FOUND;
      if (found.key.revokedAt !== undefined) return { ok: true, key: found.key };
      const revoked: StoredKey = { ...found.key, revokedAt: iso(now()) };
      state.keys.set(found.hash, revoked);
      appendAudit(state, keyAudit('revoke', found.key, revoked, meta, now(), move(found.key)));
      return { ok: true, key: revoked };
    },
  };
}
