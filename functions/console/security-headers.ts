// Headers every console answer carries: a strict Content Security Policy (scripts only from the
// console itself and the hashed inline bootstrap; API calls only to the configured bases).

import type { ConsoleConfig } from '../../shared/config/console-config.ts';

function originOf(base: string): string | undefined {
  return base.startsWith('/') ? undefined : new URL(base).origin;
}

export function contentSecurityPolicy(config: ConsoleConfig, inlineScriptHashes: readonly string[]): string {
  const apiOrigins = [...new Set([config.adminUrl, config.validateUrl, config.previewUrl].map(originOf).filter((o): o is string => o !== undefined))];
  return [
    "default-src 'none'",
    `script-src 'self' ${inlineScriptHashes.join(' ')}`.trim(),
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src 'self' ${apiOrigins.join(' ')}`.trim(),
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function securityHeaders(csp: string): Record<string, string> {
  return {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
}
