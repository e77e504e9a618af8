// A change notice as it travels on the Redis channel: JSON, checked on receipt, since anything that
// can PUBLISH on the channel can put anything there.

import * as z from 'zod';
import type { Change } from './change-feed.ts';

const message = z.object({
  environment: z.string().min(1),
  version: z.number().int().nonnegative(),
  at: z.number().finite(),
  /** The publishing process: it has told its own listeners already, so it skips its echo. */
  origin: z.string().optional(),
});

export type ChangeMessage = Change & { readonly origin?: string };

export function encodeChange(change: Change, origin: string): string {
  return JSON.stringify({ environment: change.environment, version: change.version, at: change.at, origin });
}

/** The notice, or the reason the payload is not one. */
export function decodeChange(payload: string): { ok: true; message: ChangeMessage } | { ok: false; problem: string } {
  let json: unknown;
  try {
    json = JSON.parse(payload);
  } catch {
    return { ok: false, problem: 'not JSON' };
  }
  const parsed = message.safeParse(json);
  if (!parsed.success) return { ok: false, problem: parsed.error.issues.map((issue) => `${issue.path.join('.') || '(message)'}: ${issue.message}`).join('; ') };
  const { origin, ...change } = parsed.data;
  return { ok: true, message: origin === undefined ? change : { ...change, origin } };
}
