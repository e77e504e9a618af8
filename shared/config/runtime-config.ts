// Runtime configuration, read once at cold start from the environment and validated by zod: a
// wrong value stops the function at start with a message, never a request later.

import { z } from 'zod';

const number = (fallback: number) => z.coerce.number().finite().positive().default(fallback);
const list = z
  .string()
  .transform((s) => s.split(',').map((x) => x.trim()).filter((x) => x.length > 0));

export const RuntimeConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  /** Seconds between checks of the store's version by each evaluate instance. */
  SWITCHYARD_SNAPSHOT_CHECK_SECONDS: number(5),
  /** Sustained evaluate requests per second per SDK key, and the burst allowed. */
  SWITCHYARD_RATE_PER_SECOND: number(1000),
  SWITCHYARD_RATE_BURST: number(2000),
  /** Origins of the console allowed to call validate, preview and admin (comma separated). */
  SWITCHYARD_CONSOLE_ORIGINS: list.default(['http://localhost:8080']),
  /** JSON mapping of geo attributes to request headers, see shared/context/README.md. */
  SWITCHYARD_GEO_HEADERS: z.string().optional(),
  SWITCHYARD_SDK_KEY: z.string().min(16).optional(),
  SWITCHYARD_ADMIN_KEY: z.string().min(16).optional(),
});

export type RuntimeConfig = z.infer<typeof RuntimeConfigSchema>;

export function readRuntimeConfig(env: Readonly<Record<string, string | undefined>> = process.env): RuntimeConfig {
  const parsed = RuntimeConfigSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  return parsed.data;
}
