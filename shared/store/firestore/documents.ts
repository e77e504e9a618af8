// Firestore repositories: each write one transaction that re-reads the environment and the
// document, then writes the document, its history entry, the audit entry and the environment's
// version, through the shared write plan.

import type { Firestore, Transaction } from '@google-cloud/firestore';
import { decodeDocument, decodeHistory } from '../codec.ts';
import type { DocumentKind, DocumentOf, Repository } from '../document-ports.ts';
import { historyPageOf, listingOf } from '../read-model.ts';
import { NOT_FOUND } from '../results.ts';
import { admit, checkPrecondition, planDelete, planPut, type WritePlan } from '../write-plan.ts';
import { dataOf, fromFirestore, toFirestore, type Layout } from './layout.ts';

export const TRANSACTION_OPTIONS = { maxAttempts: 10 };

function apply(tx: Transaction, paths: Layout, environment: string, kind: DocumentKind, plan: WritePlan<unknown>): void {
  tx.set(paths.document(environment, kind, plan.document.key), toFirestore(plan.document));
  // create(): a history entry or an audit entry that already exists fails the write; none is ever replaced.
  tx.create(paths.version(environment, kind, plan.document.key, plan.history.version), toFirestore(plan.history));
  tx.create(paths.audit().doc(), toFirestore(plan.audit));
  tx.update(paths.environment(environment), { version: plan.environmentVersion });
}

export function firestoreRepository<K extends DocumentKind>(db: Firestore, paths: Layout, kind: K, now: () => number): Repository<DocumentOf[K]> {
  const read = async (tx: Transaction, environment: string, key: string) => {
    const [env, current] = await tx.getAll(paths.environment(environment), paths.document(environment, kind, key));
    return { environment: env && dataOf(env), current: current && dataOf(current), now: now() };
  };
  return {
    get: async (environment, key) => {
      const decoded = decodeDocument(kind, dataOf(await paths.document(environment, kind, key).get()));
      if (decoded.state === 'live') return { ok: true, ...decoded.value };
      if (decoded.state === 'corrupt') return { ok: false, reason: 'corrupt', id: `${kind}/${key}`, problem: decoded.problem, version: decoded.version };
      return NOT_FOUND;
    },
    list: async (environment, filter) => {
      const [env, docs] = await Promise.all([paths.environment(environment).get(), paths.documents(environment, kind).get()]);
      if (!env.exists) return NOT_FOUND;
      return listingOf(kind, docs.docs.map((d) => ({ id: d.id, data: fromFirestore(d.data()) })), filter);
    },
    put: async (environment, input, precondition) => {
      const admitted = admit(kind, input, precondition);
      if (!admitted.ok) return admitted;
      return db.runTransaction(async (tx) => {
        const plan = planPut(kind, environment, admitted, precondition, await read(tx, environment, admitted.key));
        if (!plan.ok) return plan;
        apply(tx, paths, environment, kind, plan);
        return plan.result;
      }, TRANSACTION_OPTIONS);
    },
    remove: async (environment, key, precondition) => {
      const refused = checkPrecondition(precondition);
      if (refused) return refused;
      return db.runTransaction(async (tx) => {
        const plan = planDelete(kind, environment, key, precondition, await read(tx, environment, key));
        if (!plan.ok) return plan;
        apply(tx, paths, environment, kind, plan);
        return plan.result;
      }, TRANSACTION_OPTIONS);
    },
    history: async (environment, key, options) => {
      // Paged in the query, so a long history is never read whole.
      let query = paths.versions(environment, kind, key).orderBy('version', 'desc');
      if (options?.before !== undefined) query = query.where('version', '<', options.before);
      if (options?.limit !== undefined) query = query.limit(options.limit);
      const versions = await query.get();
      if (versions.empty && !(await paths.document(environment, kind, key).get()).exists) return NOT_FOUND;
      return historyPageOf(kind, key, versions.docs.map((d) => ({ id: d.id, data: fromFirestore(d.data()) })), options);
    },
    atVersion: async (environment, key, version) => {
      const raw = dataOf(await paths.version(environment, kind, key, version).get());
      if (raw === undefined) return undefined;
      const decoded = decodeHistory(kind, raw);
      return decoded.ok ? decoded.entry : undefined;
    },
  };
}
