// Firestore's import: one transaction that re-reads the environment and every document named,
// then writes each changed document, its history entry and audit entry, and the environment's
// version. The preview reads the same in a read-only transaction and writes nothing.

import type { Firestore, Transaction } from '@google-cloud/firestore';
import type { EnvironmentImporter, ImportInput } from '../admin-ports.ts';
import { admitImport, importId, planImport, previewImport, type ImportItem } from '../import-plan.ts';
import { dataOf, toFirestore, type Layout } from './layout.ts';
import { TRANSACTION_OPTIONS } from './documents.ts';

/**
 * Firestore no longer caps a transaction at 500 writes; what bounds it is the commit request
 * (10 MiB). Each document is written three times (document, history entry, audit entry with its
 * diff), so an import is refused up front when that estimate nears the limit, nothing written.
 */
export const MAX_IMPORT_COMMIT_BYTES = 9 * 1024 * 1024;
const WRITES_PER_DOCUMENT = 3;

export function firestoreImporter(db: Firestore, paths: Layout, now: () => number): EnvironmentImporter {
  const read = async (tx: Transaction, environment: string, items: readonly ImportItem[]) => {
    const refs = items.map(({ kind, admitted: doc }) => paths.document(environment, kind, doc.key));
    const [env, ...docs] = await tx.getAll(paths.environment(environment), ...refs);
    const current = new Map<string, unknown>();
    items.forEach(({ kind, admitted: doc }, i) => {
      const raw = docs[i] && dataOf(docs[i]);
      if (raw !== undefined) current.set(importId(kind, doc.key), raw);
    });
    return { environment: env && dataOf(env), current };
  };
  return {
    importDocuments: async (environment, input, precondition) => {
      const admitted = admitImport(input, precondition);
      if (!admitted.ok) return admitted;
      const bytes = admitted.items.reduce((sum, { admitted: doc }) => sum + WRITES_PER_DOCUMENT * Buffer.byteLength(JSON.stringify(doc)), 0);
      if (bytes > MAX_IMPORT_COMMIT_BYTES) {
        const mib = (n: number) => (n / 1024 / 1024).toFixed(1);
        return { ok: false, reason: 'invalid', issues: [{ path: '', code: 'INVALID_VALUE', message: `the import would commit about ${mib(bytes)} MiB in one transaction; Firestore takes ${mib(MAX_IMPORT_COMMIT_BYTES)} MiB: split it by kind or by flag` }] };
      }
      return db.runTransaction(async (tx) => {
        const plan = planImport(environment, admitted.items, precondition, { ...(await read(tx, environment, admitted.items)), now: now() });
        if (!plan.ok) return plan;
        // Nothing changed: the environment keeps its version, and the transaction writes nothing.
        if (plan.plans.length === 0) return plan.result;
        for (const write of plan.plans) {
          tx.set(paths.document(environment, write.kind, write.document.key), toFirestore(write.document));
          tx.create(paths.version(environment, write.kind, write.document.key, write.history.version), toFirestore(write.history));
          tx.create(paths.audit().doc(), toFirestore(write.audit));
        }
        tx.update(paths.environment(environment), { version: plan.environmentVersion });
        return plan.result;
      }, TRANSACTION_OPTIONS);
    },
    previewImport: async (environment: string, input: ImportInput, ifMatch?: number) => {
      const admitted = admitImport(input, { actor: 'preview', ifMatch: ifMatch ?? 0 });
      if (!admitted.ok) return admitted;
      return db.runTransaction(async (tx) => previewImport(admitted.items, ifMatch, await read(tx, environment, admitted.items)), { readOnly: true });
    },
  };
}
