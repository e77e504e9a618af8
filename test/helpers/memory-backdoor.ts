// The embedded store with a hand on its state, for tests that plant what the ports would refuse:
// unvalidated flags, corrupt documents, keys written as another version of the code stored them.
// The production store (shared/store/memory-store.ts) has no such door.

import { decodeEnvironment } from '../../shared/store/codec.ts';
import type { DocumentKind } from '../../shared/store/document-ports.ts';
import { appendHistory, type MemoryState } from '../../shared/store/memory/state.ts';
import { memoryStoreOver, seededState, type MemorySeed, type MemoryStore, type MemoryStoreOptions } from '../../shared/store/memory-store.ts';
import { iso } from '../../shared/store/records.ts';

/** Writes the stored records directly, bypassing every check. */
export type RawAccess = {
  readonly writeDocument: (environment: string, kind: DocumentKind, key: string, record: unknown) => void;
  readonly writeKey: (hash: string, record: unknown) => void;
};

export type BackdooredMemoryStore = MemoryStore & {
  /** Replaces one flag document as given (unvalidated), bumping its version and the environment's. */
  readonly putFlag: (environment: string, doc: unknown) => void;
  readonly raw: RawAccess;
};

export function createBackdooredMemoryStore(seed: MemorySeed, options: MemoryStoreOptions = {}): BackdooredMemoryStore {
  const now = options.now ?? Date.now;
  const state = seededState(seed, iso(now()));
  return { ...memoryStoreOver(state, options), putFlag: putFlagInto(state, now), raw: rawAccessTo(state) };
}

function environmentOf(state: MemoryState, environment: string) {
  const env = state.environments.get(environment);
  if (!env) throw new Error(`no environment "${environment}"`);
  return env;
}

function putFlagInto(state: MemoryState, now: () => number): BackdooredMemoryStore['putFlag'] {
  return (environment, doc) => {
    const env = environmentOf(state, environment);
    const version = decodeEnvironment(env.record)?.version;
    if (version === undefined) throw new Error(`environment "${environment}" has no readable version`);
    const found = (doc as { key?: unknown } | null)?.key;
    const key = typeof found === 'string' ? found : `#${env.documents.flags.size}`;
    const previous = (env.documents.flags.get(key) as { version?: number } | undefined)?.version ?? 0;
    const json = JSON.stringify(doc);
    const at = iso(now());
    env.documents.flags.set(key, { key, version: previous + 1, json, updatedAt: at, updatedBy: 'putFlag' });
    appendHistory(env, 'flags', { key, version: previous + 1, change: previous ? 'update' : 'create', json, actor: 'putFlag', at, diff: '[]' });
    env.record = { ...(env.record as object), version: version + 1 };
  };
}

function rawAccessTo(state: MemoryState): RawAccess {
  return {
    writeDocument: (environment, kind, key, record) => void environmentOf(state, environment).documents[kind].set(key, record),
    writeKey: (hash, record) => void state.keys.set(hash, record),
  };
}
