// The embedded store's repositories: the shared write plan applied to the in-memory state.

import { decodeDocument, decodeHistory } from '../codec.ts';
import type { DocumentKind, DocumentOf, Repository } from '../document-ports.ts';
import { historyPageOf, listingOf } from '../read-model.ts';
import { NOT_FOUND } from '../results.ts';
import { admit, checkPrecondition, planDelete, planPut } from '../write-plan.ts';
import { commit, rawRecords, type MemoryState } from './state.ts';

export function memoryRepository<K extends DocumentKind>(state: MemoryState, kind: K, now: () => number): Repository<DocumentOf[K]> {
  const read = (environment: string, key: string) => {
    const env = state.environments.get(environment);
    return { environment: env?.record, current: env?.documents[kind].get(key), now: now() };
  };
  return {
    get: async (environment, key) => {
      const decoded = decodeDocument(kind, state.environments.get(environment)?.documents[kind].get(key));
      if (decoded.state === 'live') return { ok: true, ...decoded.value };
      if (decoded.state === 'corrupt') return { ok: false, reason: 'corrupt', id: `${kind}/${key}`, problem: decoded.problem, version: decoded.version };
      return NOT_FOUND;
    },
    list: async (environment, filter) => {
      const env = state.environments.get(environment);
      return env ? listingOf(kind, rawRecords(env.documents[kind]), filter) : NOT_FOUND;
    },
    put: async (environment, input, precondition) => {
      const admitted = admit(kind, input, precondition);
      if (!admitted.ok) return admitted;
      const plan = planPut(kind, environment, admitted, precondition, read(environment, admitted.key));
      if (!plan.ok) return plan;
      commit(state, environment, kind, plan);
      return plan.result;
    },
    remove: async (environment, key, precondition) => {
      const refused = checkPrecondition(precondition);
      if (refused) return refused;
      const plan = planDelete(kind, environment, key, precondition, read(environment, key));
      if (!plan.ok) return plan;
      commit(state, environment, kind, plan);
      return plan.result;
    },
    history: async (environment, key, options) => {
      const versions = state.environments.get(environment)?.history.get(`${kind}/${key}`);
      return versions ? historyPageOf(kind, key, rawRecords(versions), options) : NOT_FOUND;
    },
    atVersion: async (environment, key, version) => {
      const raw = state.environments.get(environment)?.history.get(`${kind}/${key}`)?.get(version);
      if (raw === undefined) return undefined;
      const decoded = decodeHistory(kind, raw);
      return decoded.ok ? decoded.entry : undefined;
    },
  };
}
