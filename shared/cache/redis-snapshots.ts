// The snapshot tier in Redis (Upstash REST): per environment, the version under one key and the
// version-stamped snapshot under another. Publishing is one script, so a slower writer never
// replaces a newer snapshot; what is read back is validated by zod, and a corrupt snapshot is
// reported and read as missing (the caller then goes to the store).

import type { Redis } from '@upstash/redis';
import * as z from 'zod';
import { FlagSchema, SegmentSchema } from '../rules/schema.ts';
import type { SnapshotTier } from './snapshot-tier.ts';

export type RedisSnapshotOptions = {
  readonly prefix?: string;
  /**
   * Seconds a published version is trusted. A publish lost while Redis was down is thus noticed
   * within this time: an expired version sends the instances to the store, which republishes.
   */
  readonly versionTtlSeconds?: number;
  /** Seconds a published snapshot is kept for cold starts. */
  readonly snapshotTtlSeconds?: number;
  readonly onCorrupt?: (environment: string, problem: string) => void;
};

const StoredSnapshotSchema = z.strictObject({
  environment: z.string(),
  version: z.number().int().nonnegative(),
  flags: z.array(FlagSchema),
  segments: z.array(SegmentSchema),
  corrupt: z.array(z.strictObject({ id: z.string(), problem: z.string() })),
});

// KEYS: version, snapshot. ARGV: version, snapshot JSON, version TTL, snapshot TTL.
const PUBLISH = `
local held = tonumber(redis.call('GET', KEYS[1])) or -1
local next = tonumber(ARGV[1])
if held > next then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'EX', tonumber(ARGV[3]))
if held < next then redis.call('SET', KEYS[2], ARGV[2], 'EX', tonumber(ARGV[4])) end
return 1`;

export function createRedisSnapshotTier(redis: Redis, options: RedisSnapshotOptions = {}): SnapshotTier {
  const prefix = options.prefix ?? 'sy:snap';
  const versionKey = (environment: string) => `${prefix}:v:${environment}`;
  const snapshotKey = (environment: string) => `${prefix}:s:${environment}`;
  return {
    version: async (environment) => {
      const raw = await redis.get<unknown>(versionKey(environment));
      if (raw === null) return undefined;
      const version = z.coerce.number().int().nonnegative().safeParse(raw);
      if (!version.success) {
        options.onCorrupt?.(environment, `version is ${JSON.stringify(raw)}`);
        return undefined;
      }
      return version.data;
    },
    snapshot: async (environment) => {
      const raw = await redis.get<unknown>(snapshotKey(environment));
      if (raw === null) return undefined;
      const parsed = StoredSnapshotSchema.safeParse(typeof raw === 'string' ? safeJson(raw) : raw);
      if (!parsed.success || parsed.data.environment !== environment) {
        options.onCorrupt?.(environment, parsed.success ? `holds environment "${parsed.data.environment}"` : parsed.error.issues.slice(0, 3).map((i) => `/${i.path.join('/')}: ${i.message}`).join('; '));
        return undefined;
      }
      return parsed.data;
    },
    publish: async (snapshot) => {
      // Equal versions refresh the version's TTL only: the snapshot held is the same one.
      await redis.eval(PUBLISH, [versionKey(snapshot.environment), snapshotKey(snapshot.environment)], [
        String(snapshot.version),
        JSON.stringify(snapshot),
        String(options.versionTtlSeconds ?? 300),
        String(options.snapshotTtlSeconds ?? 7 * 24 * 3600),
      ]);
    },
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
