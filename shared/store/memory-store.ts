// The embedded default store: everything in process memory, seeded at start. `npm start` runs on
// it, so the product can be tried without a cloud account. It implements every port the Firestore
// adapter does, with the same semantics (the shared write plan), and passes the same contract suite.

import type { AttributeDefinition, FlagInput, Segment } from '../rules/index.ts';
import { hashKey } from './api-keys.ts';
import { decodeEnvironment } from './codec.ts';
import type { DocumentKind } from './document-ports.ts';
import { cryptoRandomness, hintOf, type KeyRandomness } from './key-plan.ts';
import { memoryAudit, memoryEnvironments, memoryKeys } from './memory/admin.ts';
import { memoryRepository } from './memory/documents.ts';
import { memoryImporter } from './memory/import.ts';
import { appendHistory, emptyEnvironment, rawRecords, type MemoryEnvironment, type MemoryState } from './memory/state.ts';
import type { AdminStores, FlagStore } from './ports.ts';
import { liveDocuments, snapshotOf } from './read-model.ts';
import { iso, type StoredKey } from './records.ts';

export type EnvironmentSeed = {
  readonly flags: readonly FlagInput[];
  readonly segments?: readonly Segment[];
  readonly attributes?: readonly AttributeDefinition[];
};

export type KeySeed = { readonly secret: string } & (
  | { readonly kind: 'sdk'; readonly name: string; readonly environment: string; readonly access?: 'client' | 'server' }
  | { readonly kind: 'admin'; readonly name: string; readonly role: 'viewer' | 'editor' | 'admin' }
);

export type MemorySeed = { readonly environments: Readonly<Record<string, EnvironmentSeed>>; readonly keys: readonly KeySeed[] };

export type MemoryStoreOptions = { readonly now?: () => number; readonly random?: KeyRandomness };

/** The embedded store: every port the Firestore adapter implements, and nothing more. */
export type MemoryStore = AdminStores;

const keyOf = (doc: unknown, i: number) => {
  const key = (doc as { key?: unknown } | null)?.key;
  return typeof key === 'string' ? key : `#${i}`;
};

/** Seeded documents are stored as given (validated on the way out), each at version 1 with its history entry. */
function seedEnvironment(key: string, seed: EnvironmentSeed, at: string): MemoryEnvironment {
  const env = emptyEnvironment({ key, name: key, version: 1, createdAt: at, createdBy: 'seed' });
  const put = (kind: DocumentKind, docs: readonly unknown[], keyFor: (doc: unknown, i: number) => string) =>
    docs.forEach((doc, i) => {
      const k = keyFor(doc, i);
      const json = JSON.stringify(doc);
      env.documents[kind].set(k, { key: k, version: 1, json, updatedAt: at, updatedBy: 'seed' });
      if (!env.history.get(`${kind}/${k}`)) appendHistory(env, kind, { key: k, version: 1, change: 'create', json, actor: 'seed', at, diff: '[]' });
    });
  put('flags', seed.flags, keyOf);
  put('segments', seed.segments ?? [], keyOf);
  put('attributes', seed.attributes ?? [], (doc, i) => (doc as { name?: string }).name ?? `#${i}`);
  return env;
}

function seedKey(k: KeySeed, i: number, at: string): StoredKey {
  const common = { id: `key-${i + 1}`, name: k.name, hint: hintOf(k.secret), createdAt: at, createdBy: 'seed' };
  return k.kind === 'sdk' ? { kind: 'sdk', environment: k.environment, access: k.access ?? 'server', ...common } : { kind: 'admin', role: k.role, ...common };
}

/** The state a seed describes, stamped `at`: each document at version 1 with its history entry, keys hashed. */
export function seededState(seed: MemorySeed, at: string): MemoryState {
  return {
    environments: new Map(Object.entries(seed.environments).map(([key, env]) => [key, seedEnvironment(key, env, at)])),
    audit: [],
    keys: new Map(seed.keys.map((k, i) => [hashKey(k.secret), seedKey(k, i, at)])),
  };
}

export function createMemoryStore(seed: MemorySeed, options: MemoryStoreOptions = {}): MemoryStore {
  return memoryStoreOver(seededState(seed, iso((options.now ?? Date.now)())), options);
}

/** The store over a state built elsewhere (the tests' helper keeps a hand on it to plant records). */
export function memoryStoreOver(state: MemoryState, options: MemoryStoreOptions = {}): MemoryStore {
  const now = options.now ?? Date.now;
  const versionOf = (env: MemoryEnvironment | undefined) => (env ? decodeEnvironment(env.record)?.version : undefined);
  const flags: FlagStore = {
    version: async (environment) => versionOf(state.environments.get(environment)),
    snapshot: async (environment) => {
      const env = state.environments.get(environment);
      const version = versionOf(env);
      return env && version !== undefined ? snapshotOf(environment, version, rawRecords(env.documents.flags), rawRecords(env.documents.segments)) : undefined;
    },
    attributes: async (environment) => {
      const env = state.environments.get(environment);
      return env ? liveDocuments('attributes', rawRecords(env.documents.attributes)).items.map((i) => i.document) : [];
    },
  };
  const apiKeys = memoryKeys(state, now, options.random ?? cryptoRandomness);
  return {
    flags,
    keys: apiKeys,
    apiKeys,
    environments: memoryEnvironments(state, now),
    audit: memoryAudit(state),
    imports: memoryImporter(state, now),
    documents: { flags: memoryRepository(state, 'flags', now), segments: memoryRepository(state, 'segments', now), attributes: memoryRepository(state, 'attributes', now) },
  };
}
