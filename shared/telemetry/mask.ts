// What request logging may show: secrets in headers masked, configured body fields masked, e-mail
// addresses replaced unless their field is allowed, and everything cut to a size.

import type { IncomingHttpHeaders } from 'node:http';
import type { LoggingSettings } from '../config/logging-config.ts';
import { setOwn } from '../rules/own.ts';

export const MASK = '[masked]';
export const SENSITIVE_HEADERS: ReadonlySet<string> = new Set(['authorization', 'proxy-authorization', 'x-api-key', 'cookie', 'set-cookie', 'x-goog-iap-jwt-assertion']);

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
const MAX_DEPTH = 8;

export function maskHeaders(headers: IncomingHttpHeaders): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name] = SENSITIVE_HEADERS.has(name.toLowerCase()) ? MASK : value;
  }
  return out;
}

export type BodyMasker = (body: unknown) => string;

/** A function from a parsed body to masked, truncated text for a debug line. */
export function bodyMasker(settings: Pick<LoggingSettings, 'maskedFields' | 'allowEmailFields' | 'bodyChars'>): BodyMasker {
  const masked = new Set(settings.maskedFields.map((f) => f.toLowerCase()));
  const emailsAllowed = new Set(settings.allowEmailFields.map((f) => f.toLowerCase()));
  const visit = (value: unknown, field: string | undefined, depth: number): unknown => {
    if (field !== undefined && masked.has(field.toLowerCase())) return MASK;
    if (typeof value === 'string') return field !== undefined && emailsAllowed.has(field.toLowerCase()) ? value : value.replace(EMAIL, '[email]');
    if (typeof value !== 'object' || value === null) return value;
    if (depth >= MAX_DEPTH) return '[deep]';
    if (Array.isArray(value)) return value.map((item) => visit(item, field, depth + 1));
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) setOwn(out, k, visit(v, k, depth + 1));
    return out;
  };
  return (body) => {
    const text = typeof body === 'string' ? maskText(body) : JSON.stringify(visit(body, undefined, 0)) ?? '';
    return truncate(text, settings.bodyChars);
  };
  function maskText(text: string): string {
    try {
      return JSON.stringify(visit(JSON.parse(text), undefined, 0));
    } catch {
      return text.replace(EMAIL, '[email]');
    }
  }
}

export function truncate(text: string, chars: number): string {
  return text.length <= chars ? text : `${text.slice(0, chars)}…(${text.length - chars} more)`;
}
