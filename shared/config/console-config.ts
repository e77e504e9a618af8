// The console function's configuration, read once at cold start: where the browser finds the
// APIs it talks to. Locally every function shares one origin, so the defaults are same-origin paths.

import * as z from 'zod';

/** An absolute http(s) URL or a same-origin path, without a trailing slash. */
const BaseUrl = z
  .string()
  .min(1)
  .refine((s) => s.startsWith('/') || /^https?:\/\/[^\s]+$/.test(s), 'an http(s) URL or a path starting with "/"')
  .transform((s) => s.replace(/\/+$/, ''));

export const ConsoleConfigSchema = z.object({
  SWITCHYARD_ADMIN_URL: BaseUrl.default('/admin'),
  SWITCHYARD_VALIDATE_URL: BaseUrl.default('/validate'),
  SWITCHYARD_PREVIEW_URL: BaseUrl.default('/preview'),
});

export type ConsoleConfig = { readonly adminUrl: string; readonly validateUrl: string; readonly previewUrl: string };

/** Throws at cold start on a malformed URL, with the variable's name, never on a request later. */
export function readConsoleConfig(env: Readonly<Record<string, string | undefined>>): ConsoleConfig {
  const parsed = ConsoleConfigSchema.safeParse(env);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid console configuration: ${detail}`);
  }
  return { adminUrl: parsed.data.SWITCHYARD_ADMIN_URL, validateUrl: parsed.data.SWITCHYARD_VALIDATE_URL, previewUrl: parsed.data.SWITCHYARD_PREVIEW_URL };
}
