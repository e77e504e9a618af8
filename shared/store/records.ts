// The stored form of everything, the same for every adapter (times as RFC 3339 strings; the
// Firestore adapter maps them to Timestamps). Each record is checked by zod on the way out, so a
// corrupt one is reported with its id instead of crashing a reader.
//
// A document's body is kept as JSON text (`json`): any JSON a flag may hold (nested arrays,
// reserved-looking keys, -0) round-trips exactly, which Firestore maps would not guarantee.

import * as z from 'zod';

const Time = z.string().min(1);
const Version = z.number().int().min(0);

/** `json: null` is a tombstone: the document was deleted at `version`, which a re-creation continues. */
export const StoredDocumentSchema = z.object({ key: z.string(), version: Version, json: z.string().nullable(), updatedAt: Time, updatedBy: z.string() });
export type StoredDocument = z.infer<typeof StoredDocumentSchema>;

export const StoredHistorySchema = z.object({
  key: z.string(),
  version: Version,
  change: z.enum(['create', 'update', 'delete']),
  json: z.string().nullable(),
  actor: z.string(),
  keyId: z.string().optional(),
  at: Time,
  comment: z.string().optional(),
  requestId: z.string().optional(),
  diff: z.string(),
});
export type StoredHistory = z.infer<typeof StoredHistorySchema>;

export const StoredAuditSchema = z.object({
  environment: z.string().nullable(),
  at: Time,
  actor: z.string(),
  keyId: z.string().optional(),
  action: z.enum(['create', 'update', 'delete', 'revoke', 'rotate']),
  targetKind: z.enum(['flags', 'segments', 'attributes', 'environments', 'apiKeys']),
  targetKey: z.string(),
  version: Version.optional(),
  environmentVersion: Version.optional(),
  comment: z.string().optional(),
  requestId: z.string().optional(),
  diff: z.string(),
});
export type StoredAudit = z.infer<typeof StoredAuditSchema>;

export const EnvironmentKeySchema = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'lower-case letters, digits, "-" and "_", at most 63');

export const StoredEnvironmentSchema = z.object({
  key: EnvironmentKeySchema,
  name: z.string().max(200),
  description: z.string().max(2000).optional(),
  version: Version,
  createdAt: Time,
  createdBy: z.string(),
});
export type StoredEnvironment = z.infer<typeof StoredEnvironmentSchema>;

const KeyCommon = {
  id: z.string().min(1),
  name: z.string().min(1).max(200),
  hint: z.string(),
  createdAt: Time,
  createdBy: z.string(),
  revokedAt: Time.optional(),
  expiresAt: Time.optional(),
  replacedBy: z.string().optional(),
};
/**
 * SDK keys come in two kinds, as at every peer: `client` (safe to ship in a browser: evaluates
 * only the flags marked clientVisible, optionally only from `allowedOrigins`) and `server`
 * (evaluates everything and tracks; refused from browsers). Keys stored before kinds existed are
 * server keys.
 */
export const KEY_ACCESS = ['client', 'server'] as const;
export type KeyAccess = (typeof KEY_ACCESS)[number];

/** A browser origin as the Origin header sends it: scheme, host and port, nothing else. */
const OriginSchema = z
  .string()
  .max(200)
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
    } catch {
      return false;
    }
  }, 'an origin such as https://app.example.com (scheme, host and port; no path or trailing slash)');

const SdkAccess = {
  access: z.enum(KEY_ACCESS).default('server'),
  allowedOrigins: z.array(OriginSchema).min(1).max(50).optional(),
};

export const StoredKeySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('sdk'), environment: EnvironmentKeySchema, ...SdkAccess, ...KeyCommon }),
  z.object({ kind: z.literal('admin'), role: z.enum(['viewer', 'editor', 'admin']), ...KeyCommon }),
]);
export type StoredKey = z.infer<typeof StoredKeySchema>;

export const KeyInputSchema = z.discriminatedUnion('kind', [
  z
    .strictObject({ kind: z.literal('sdk'), environment: EnvironmentKeySchema, name: KeyCommon.name, ...SdkAccess })
    .refine((key) => key.allowedOrigins === undefined || key.access === 'client', { path: ['allowedOrigins'], message: 'only client keys have allowed origins (server keys are refused from browsers)' }),
  z.strictObject({ kind: z.literal('admin'), role: z.enum(['viewer', 'editor', 'admin']), name: KeyCommon.name }),
]);

export const RotationSchema = z.strictObject({ overlapUntil: z.iso.datetime({ offset: true }) });

export const EnvironmentInputSchema = z.strictObject({ key: EnvironmentKeySchema, name: z.string().min(1).max(200).optional(), description: z.string().max(2000).optional() });

/** Drops undefined fields: stored records never carry them. */
export function compact<T extends object>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as T;
}

export const iso = (ms: number) => new Date(ms).toISOString();

export function firstProblem(error: z.ZodError): string {
  const first = error.issues[0];
  return first ? `${first.path.length ? `/${first.path.join('/')}: ` : ''}${first.message}` : 'invalid';
}
