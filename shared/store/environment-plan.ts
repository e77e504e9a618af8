// Creating an environment, the same for every adapter: validated input, version 1, one audit entry.

import { parseWithSchema } from '../rules/index.ts';
import type { Environment, EnvironmentInput } from './admin-ports.ts';
import { diffJson } from './diff.ts';
import { compact, EnvironmentInputSchema, iso, type StoredAudit, type StoredEnvironment } from './records.ts';
import type { Invalid, WriteMeta } from './results.ts';
import { metaOf } from './write-plan.ts';

export function admitEnvironment(input: EnvironmentInput): { ok: true; input: EnvironmentInput } | Invalid {
  const parsed = parseWithSchema(EnvironmentInputSchema, input);
  return parsed.ok ? { ok: true, input: parsed.value } : { ok: false, reason: 'invalid', issues: parsed.issues };
}

export function planEnvironment(input: EnvironmentInput, meta: WriteMeta, now: number): { record: StoredEnvironment; audit: StoredAudit; environment: Environment } {
  const record: StoredEnvironment = compact({ key: input.key, name: input.name ?? input.key, description: input.description, version: 1, createdAt: iso(now), createdBy: meta.actor });
  const audit: StoredAudit = compact({
    environment: input.key, at: record.createdAt, actor: meta.actor, action: 'create' as const, targetKind: 'environments' as const, targetKey: input.key,
    version: 1, environmentVersion: 1, ...metaOf(meta), diff: JSON.stringify(diffJson(undefined, record)),
  });
  return { record, audit, environment: record };
}
