// Firestore's import: one transaction that re-reads the environment and every document named,
// then writes each document, its history entry and audit entry, and the environment's version.

import type { Firestore } from '@google-cloud/firestore';
import type { EnvironmentImporter } from '../admin-ports.ts';
import { admitImport, importId, planImport } from '../import-plan.ts';
import { dataOf, toFirestore, type Layout } from './layout.ts';
import { TRANSACTION_OPTIONS } from './documents.ts';

/** Firestore commits at most 500 writes at once; each document takes 3, the environment 1. */
export const MAX_IMPORT_DOCUMENTS = 166;

export function firestoreImporter(db: Firestore, paths: Layout, now: () => number): EnvironmentImporter {
  return {
    importDocuments: async (environment, input, precondition) => {
      const admitted = admitImport(input, precondition);
      if (!admitted.ok) return admitted;
      if (admitted.items.length > MAX_IMPORT_DOCUMENTS) {
        return { ok: false, reason: 'invalid', issues: [{ path: '', code: 'INVALID_VALUE', message: `at most ${MAX_IMPORT_DOCUMENTS} documents in one import` }] };
      }
      return db.runTransaction(async (tx) => {
        const refs = admitted.items.map(({ kind, admitted: doc }) => paths.document(environment, kind, doc.key));
        const [env, ...docs] = await tx.getAll(paths.environment(environment), ...refs);
        const current = new Map<string, unknown>();
        admitted.items.forEach(({ kind, admitted: doc }, i) => {
          const raw = docs[i] && dataOf(docs[i]);
          if (raw !== undefined) current.set(importId(kind, doc.key), raw);
        });
        const plan = planImport(environment, admitted.items, precondition, { environment: env && dataOf(env), current, now: now() });
        if (!plan.ok) return plan;
        for (const write of plan.plans) {
          tx.set(paths.document(environment, write.kind, write.document.key), toFirestore(write.document));
          tx.create(paths.version(environment, write.kind, write.document.key, write.history.version), toFirestore(write.history));
          tx.create(paths.audit().doc(), toFirestore(write.audit));
        }
        tx.update(paths.environment(environment), { version: plan.environmentVersion });
        return plan.result;
      }, TRANSACTION_OPTIONS);
    },
  };
}
