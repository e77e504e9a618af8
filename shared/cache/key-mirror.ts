// API keys for a cold instance while the store is down. Every key the store verifies is mirrored
// in Redis under its hash with what it grants; when the store fails or does not answer within the
// deadline, the mirror answers instead. A key the store no longer knows leaves the mirror at the
// next lookup, and revoking one through the admin API removes it at once (by its id). With neither
// store nor mirror answering, the lookup fails (503), never "unknown key" (401).

import type { Redis } from '@upstash/redis';
import * as z from 'zod';
import type { KeyVerifier, Principal } from '../store/api-keys.ts';
import { withinDeadline } from '../http/deadline.ts';
import type { Breaker } from './breaker.ts';

const PrincipalSchema: z.ZodType<Principal> = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('sdk'), keyId: z.string(), name: z.string(), environment: z.string(), access: z.enum(['client', 'server']).default('server'), allowedOrigins: z.array(z.string()).optional(), expiresAt: z.number().optional() }),
  z.strictObject({ kind: z.literal('admin'), keyId: z.string(), name: z.string(), role: z.enum(['viewer', 'editor', 'admin']), expiresAt: z.number().optional() }),
]);

export type KeyMirrorOptions = {
  readonly redis: Redis;
  readonly breaker: Breaker;
  /** How long to wait for the store before asking the mirror. */
  readonly deadlineMs: number;
  /** How long a mirrored key outlives its last verification by the store. */
  readonly ttlSeconds?: number;
  readonly prefix?: string;
  /** Told when the mirror answered for the store. */
  readonly onFallback?: (error: unknown) => void;
};

export type KeyMirror = {
  readonly verifier: KeyVerifier;
  /** Removes a revoked key's entry; failures are ignored (the next lookup by the store removes it). */
  readonly forget: (keyId: string) => Promise<void>;
};

const DAY_SECONDS = 86_400;

export function createKeyMirror(store: KeyVerifier, options: KeyMirrorOptions): KeyMirror {
  const { redis, breaker } = options;
  const prefix = options.prefix ?? 'sy:key:';
  const ttl = options.ttlSeconds ?? DAY_SECONDS;
  const byHash = (hash: string) => `${prefix}hash:${hash}`;
  const byId = (id: string) => `${prefix}id:${id}`;
  const quietly = (call: () => Promise<unknown>) => void breaker.run(call).catch(() => undefined);

  const remember = (hash: string, principal: Principal) =>
    quietly(() => redis.pipeline().set(byHash(hash), principal, { ex: ttl }).set(byId(principal.keyId), { hash }, { ex: ttl }).exec());

  const recall = async (hash: string, storeError: unknown): Promise<Principal | undefined> => {
    const stored = await breaker.run(() => redis.get<unknown>(byHash(hash))).catch(() => {
      throw storeError;
    });
    if (stored === null) return undefined;
    const parsed = PrincipalSchema.safeParse(stored);
    if (!parsed.success) throw storeError;
    // A rotated key's overlap ends on time even while the store is down.
    if (parsed.data.expiresAt !== undefined && Date.now() >= parsed.data.expiresAt) return undefined;
    return parsed.data;
  };

  return {
    verifier: {
      findByHash: async (hash) => {
        let principal: Principal | undefined;
        try {
          principal = await withinDeadline(Promise.resolve(store.findByHash(hash)), options.deadlineMs, 'store', () => undefined);
        } catch (error) {
          options.onFallback?.(error);
          const mirrored = await recall(hash, error);
          // A key the mirror does not hold may still be valid in the store: say unavailable, not unknown.
          if (mirrored === undefined) throw error;
          return mirrored;
        }
        if (principal) remember(hash, principal);
        else quietly(() => redis.del(byHash(hash)));
        return principal;
      },
    },
    forget: async (keyId) => {
      await breaker
        .run(async () => {
          const entry = await redis.get<{ hash?: unknown }>(byId(keyId));
          const hash = typeof entry?.hash === 'string' ? entry.hash : undefined;
          await redis.del(byId(keyId), ...(hash ? [byHash(hash)] : []));
        })
        .catch(() => undefined);
    },
  };
}
