// The embedded store's import: the shared import plan committed synchronously, so it is atomic;
// the preview classifies the same read and commits nothing.

import type { EnvironmentImporter, ImportInput } from '../admin-ports.ts';
import { admitImport, importId, planImport, previewImport, type ImportItem } from '../import-plan.ts';
import { commit, type MemoryState } from './state.ts';

export function memoryImporter(state: MemoryState, now: () => number): EnvironmentImporter {
  const read = (environment: string, items: readonly ImportItem[]) => {
    const env = state.environments.get(environment);
    const current = new Map<string, unknown>();
    for (const { kind, admitted: doc } of items) {
      const raw = env?.documents[kind].get(doc.key);
      if (raw !== undefined) current.set(importId(kind, doc.key), raw);
    }
    return { environment: env?.record, current };
  };
  return {
    importDocuments: async (environment, input, precondition) => {
      const admitted = admitImport(input, precondition);
      if (!admitted.ok) return admitted;
      const plan = planImport(environment, admitted.items, precondition, { ...read(environment, admitted.items), now: now() });
      if (!plan.ok) return plan;
      for (const write of plan.plans) commit(state, environment, write.kind, write);
      return plan.result;
    },
    previewImport: async (environment: string, input: ImportInput, ifMatch?: number) => {
      const admitted = admitImport(input, { actor: 'preview', ifMatch: ifMatch ?? 0 });
      if (!admitted.ok) return admitted;
      return previewImport(admitted.items, ifMatch, read(environment, admitted.items));
    },
  };
}
