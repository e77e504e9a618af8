// The embedded store's import: the shared import plan committed synchronously, so it is atomic.

import type { EnvironmentImporter } from '../admin-ports.ts';
import { admitImport, importId, planImport } from '../import-plan.ts';
import { commit, type MemoryState } from './state.ts';

export function memoryImporter(state: MemoryState, now: () => number): EnvironmentImporter {
  return {
    importDocuments: async (environment, input, precondition) => {
      const admitted = admitImport(input, precondition);
      if (!admitted.ok) return admitted;
      const env = state.environments.get(environment);
      const current = new Map<string, unknown>();
      for (const { kind, admitted: doc } of admitted.items) {
        const raw = env?.documents[kind].get(doc.key);
        if (raw !== undefined) current.set(importId(kind, doc.key), raw);
      }
      const plan = planImport(environment, admitted.items, precondition, { environment: env?.record, current, now: now() });
      if (!plan.ok) return plan;
      for (const write of plan.plans) commit(state, environment, write.kind, write);
      return plan.result;
    },
  };
}
