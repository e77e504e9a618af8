// The console function's settings (part of the one runtime configuration, runtime-config.ts):
// where the browser finds the APIs it talks to. Locally every function shares one origin, so the
// defaults are same-origin paths.

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

/** The console's view of the parsed configuration (a malformed URL already stopped the parse, naming the variable). */
export function consoleSettings(config: z.infer<typeof ConsoleConfigSchema>): ConsoleConfig {
  return { adminUrl: config.SWITCHYARD_ADMIN_URL, validateUrl: config.SWITCHYARD_VALIDATE_URL, previewUrl: config.SWITCHYARD_PREVIEW_URL };
}
