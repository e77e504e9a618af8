// Firestore environments, API keys (`apiKeys/{sha256}`) and the audit log (`audit/{auto id}`).
// Every write is one transaction that also creates its audit entry.

import type { Firestore, Transaction } from '@google-cloud/firestore';
import { parseWithSchema } from '../../rules/index.ts';
import type { AuditLog, EnvironmentStore, KeyRecord, KeyStore } from '../admin-ports.ts';
import { decodeEnvironment, decodeKey } from '../codec.ts';
import { admitEnvironment, planEnvironment } from '../environment-plan.ts';
import { issueKey, keyAudit, movedEnvironment, principalOf, rotateKey, usable, type KeyRandomness } from '../key-plan.ts';
import { auditPageOf } from '../read-model.ts';
import { iso, KeyInputSchema, RotationSchema, type StoredAudit, type StoredKey } from '../records.ts';
import { conflict, NOT_FOUND } from '../results.ts';
import { TRANSACTION_OPTIONS } from './documents.ts';
import { dataOf, fromFirestore, toFirestore, type Layout } from './layout.ts';
import { firestoreModule } from './client-module.ts';

const appendAudit = (tx: Transaction, paths: Layout, record: StoredAudit) => tx.create(paths.audit().doc(), toFirestore(record));

export function firestoreEnvironments(db: Firestore, paths: Layout, now: () => number): EnvironmentStore {
  return {
    list: async () => (await paths.environments().get()).docs.flatMap((d) => decodeEnvironment(fromFirestore(d.data())) ?? []),
    create: async (input, meta) => {
      const admitted = admitEnvironment(input);
      if (!admitted.ok) return admitted;
      return db.runTransaction(async (tx) => {
        const ref = paths.environment(admitted.input.key);
        const existing = await tx.get(ref);
        if (existing.exists) return conflict(decodeEnvironment(dataOf(existing))?.version ?? 0);
        const plan = planEnvironment(admitted.input, meta, now());
        tx.create(ref, toFirestore(plan.record));
        appendAudit(tx, paths, plan.audit);
        return { ok: true as const, environment: plan.environment };
      }, TRANSACTION_OPTIONS);
    },
  };
}

export function firestoreAudit(paths: Layout): AuditLog {
  return {
    list: async (query = {}) => {
      // Needs the composite index (environment, at desc) in production; see README.md.
      let q = paths.audit().orderBy('at', 'desc');
      if (query.environment !== undefined) q = q.where('environment', '==', query.environment);
      if (query.since !== undefined) q = q.where('at', '>=', firestoreModule().Timestamp.fromDate(new Date(query.since)));
      if (query.until !== undefined) q = q.where('at', '<', firestoreModule().Timestamp.fromDate(new Date(query.until)));
      if (query.limit !== undefined) q = q.limit(query.limit);
      const docs = (await q.get()).docs;
      return auditPageOf(docs.map((d) => ({ id: d.id, data: fromFirestore(d.data()) })), query);
    },
  };
}

export function firestoreKeys(db: Firestore, paths: Layout, now: () => number, random: KeyRandomness): KeyStore {
  const byId = async (tx: Transaction, id: string) => {
    const found = (await tx.get(paths.apiKeys().where('id', '==', id).limit(1))).docs[0];
    const key = found && decodeKey(fromFirestore(found.data()));
    return found && key ? { hash: found.id, key } : undefined;
  };
  /** Reads the version of the environment an SDK key belongs to (reads come first in a transaction); `move` writes it. */
  const versionMove = async (tx: Transaction, key: StoredKey) => {
    const name = movedEnvironment(key);
    if (name === undefined) return { version: undefined, move: () => {} };
    const ref = paths.environment(name);
    const current = decodeEnvironment(dataOf(await tx.get(ref)))?.version;
    if (current === undefined) return { version: undefined, move: () => {} };
    return { version: current + 1, move: () => void tx.update(ref, { version: current + 1 }) };
  };
  return {
    findByHash: async (hash) => {
      const key = decodeKey(dataOf(await paths.apiKey(hash).get()));
      return key && usable(key, now()) ? principalOf(key) : undefined;
    },
    create: async (input, meta) => {
      const parsed = parseWithSchema(KeyInputSchema, input);
      if (!parsed.ok) return { ok: false, reason: 'invalid', issues: parsed.issues };
      const scope = parsed.value;
      return db.runTransaction(async (tx) => {
        if (scope.kind === 'sdk' && !(await tx.get(paths.environment(scope.environment))).exists) return NOT_FOUND;
        const issued = issueKey(scope, meta, now(), random);
        tx.create(paths.apiKey(issued.hash), toFirestore(issued.stored));
        appendAudit(tx, paths, keyAudit('create', undefined, issued.stored, meta, now()));
        return { ok: true as const, key: issued.stored, secret: issued.secret };
      }, TRANSACTION_OPTIONS);
    },
    rotate: async (id, options, meta) => {
      const parsed = parseWithSchema(RotationSchema, options);
      if (!parsed.ok) return { ok: false, reason: 'invalid', issues: parsed.issues };
      return db.runTransaction(async (tx) => {
        const found = await byId(tx, id);
        if (!found || !usable(found.key, now())) return NOT_FOUND;
        const environment = await versionMove(tx, found.key);
        const rotation = rotateKey(found.key, parsed.value.overlapUntil, meta, now(), random);
        tx.set(paths.apiKey(found.hash), toFirestore(rotation.old));
        tx.create(paths.apiKey(rotation.issued.hash), toFirestore(rotation.issued.stored));
        environment.move();
        appendAudit(tx, paths, keyAudit('rotate', found.key, rotation.old, meta, now(), environment.version));
        return { ok: true as const, key: rotation.issued.stored, secret: rotation.issued.secret };
      }, TRANSACTION_OPTIONS);
    },
    list: async (filter = {}) => {
      const docs = (await paths.apiKeys().get()).docs;
      return docs
        .flatMap((d): KeyRecord[] => {
          const key = decodeKey(fromFirestore(d.data()));
          return key ? [key] : [];
        })
        .filter((k) => (filter.kind === undefined || k.kind === filter.kind) && (filter.environment === undefined || (k.kind === 'sdk' && k.environment === filter.environment)))
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
    },
    revoke: async (id, meta) =>
      db.runTransaction(async (tx) => {
        const found = await byId(tx, id);
        if (!found) return NOT_FOUND;
        if (found.key.revokedAt !== undefined) return { ok: true as const, key: found.key };
        const environment = await versionMove(tx, found.key);
        const revoked: StoredKey = { ...found.key, revokedAt: iso(now()) };
        tx.set(paths.apiKey(found.hash), toFirestore(revoked));
        environment.move();
        appendAudit(tx, paths, keyAudit('revoke', found.key, revoked, meta, now(), environment.version));
        return { ok: true as const, key: revoked };
      }, TRANSACTION_OPTIONS),
  };
}
