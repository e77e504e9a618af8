// The embedded default store: everything in process memory, seeded at start. `npm start` runs on
// it, so the product can be tried without a cloud account.

import { AttributeDefinitionSchema, FlagSchema, SegmentSchema, type AttributeDefinition, type Flag, type FlagInput, type Segment } from '../rules/index.ts';
import { hashKey, type Principal } from '../http/auth.ts';
import type { FlagStore, Snapshot, Stores } from './ports.ts';

export type EnvironmentSeed = {
  readonly flags: readonly FlagInput[];
  readonly segments?: readonly Segment[];
  readonly attributes?: readonly AttributeDefinition[];
};

export type KeySeed = { readonly secret: string } & (
  | { readonly kind: 'sdk'; readonly name: string; readonly environment: string }
  | { readonly kind: 'admin'; readonly name: string; readonly role: 'viewer' | 'editor' | 'admin' }
);

export type MemorySeed = { readonly environments: Readonly<Record<string, EnvironmentSeed>>; readonly keys: readonly KeySeed[] };

type Environment = { version: number; flags: unknown[]; segments: unknown[]; attributes: unknown[] };

/** Validates stored documents on the way out, as the Firestore adapter does. */
function readDocuments(environment: string, env: Environment): Snapshot {
  const corrupt: { id: string; problem: string }[] = [];
  const flags: Flag[] = [];
  const segments: Segment[] = [];
  env.flags.forEach((doc, i) => {
    const parsed = FlagSchema.safeParse(doc);
    if (parsed.success) flags.push(parsed.data);
    else corrupt.push({ id: `flags/${(doc as { key?: string })?.key ?? i}`, problem: parsed.error.issues[0]?.message ?? 'invalid' });
  });
  env.segments.forEach((doc, i) => {
    const parsed = SegmentSchema.safeParse(doc);
    if (parsed.success) segments.push(parsed.data);
    else corrupt.push({ id: `segments/${(doc as { key?: string })?.key ?? i}`, problem: parsed.error.issues[0]?.message ?? 'invalid' });
  });
  return { environment, version: env.version, flags, segments, corrupt };
}

export type MemoryStore = Stores & {
  /** Replaces one flag document, bumping the environment's version (what the admin API will do). */
  readonly putFlag: (environment: string, doc: unknown) => void;
};

export function createMemoryStore(seed: MemorySeed): MemoryStore {
  const environments = new Map<string, Environment>(
    Object.entries(seed.environments).map(([key, env]) => [key, { version: 1, flags: [...env.flags], segments: [...(env.segments ?? [])], attributes: [...(env.attributes ?? [])] }]),
  );
  const principals = new Map<string, Principal>(
    seed.keys.map((k, i) => {
      const keyId = `key-${i + 1}`;
      const principal: Principal = k.kind === 'sdk' ? { kind: 'sdk', keyId, name: k.name, environment: k.environment } : { kind: 'admin', keyId, name: k.name, role: k.role };
      return [hashKey(k.secret), principal];
    }),
  );
  const flags: FlagStore = {
    version: async (environment) => environments.get(environment)?.version,
    snapshot: async (environment) => {
      const env = environments.get(environment);
      return env && readDocuments(environment, env);
    },
    attributes: async (environment) => (environments.get(environment)?.attributes ?? []).flatMap((a) => {
      const parsed = AttributeDefinitionSchema.safeParse(a);
      return parsed.success ? [parsed.data] : [];
    }),
  };
  return {
    flags,
    keys: { findByHash: (hash) => principals.get(hash) },
    putFlag: (environment, doc) => {
      const env = environments.get(environment);
      if (!env) throw new Error(`no environment "${environment}"`);
      const key = (doc as { key?: unknown }).key;
      env.flags = [...env.flags.filter((f) => (f as { key?: unknown }).key !== key), doc];
      env.version += 1;
    },
  };
}
