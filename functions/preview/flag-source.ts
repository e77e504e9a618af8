// The flag a preview route works on: a draft from the body or a stored flag by key, compiled
// against the environment's segments and flags with any draft segments and flags laid over them.

import * as z from 'zod';
import { referencesOf, type References } from '../../shared/authoring/references.ts';
import { problem, type Problem } from '../../shared/http/problem.ts';
import { compileFlag, FlagSchema, LIMITS, SegmentSchema, type CompiledFlag } from '../../shared/rules/index.ts';
import type { Snapshot } from '../../shared/store/ports.ts';
import { PREVIEW_LIMITS } from './limits.ts';
import { ownValue } from '../../shared/rules/own.ts';

/** Body fields naming the flag: `flag` (a draft) or `flagKey` (stored), plus optional drafts. */
export const FLAG_SOURCE_FIELDS = {
  flag: z.unknown().optional(),
  flagKey: z.string().min(1).max(LIMITS.keyLength).optional(),
  segments: z.array(SegmentSchema).max(PREVIEW_LIMITS.drafts).optional(),
  flags: z.array(FlagSchema).max(PREVIEW_LIMITS.drafts).optional(),
};

export const ONE_FLAG_SOURCE = {
  check: (body: { flag?: unknown; flagKey?: string | undefined }) => (body.flag !== undefined) !== (body.flagKey !== undefined),
  message: 'send exactly one of "flag" (a draft) or "flagKey" (a stored flag)',
} as const;

export type FlagSource = {
  readonly flag?: unknown;
  readonly flagKey?: string | undefined;
  readonly segments?: z.infer<typeof SegmentSchema>[] | undefined;
  readonly flags?: z.infer<typeof FlagSchema>[] | undefined;
};

export type Resolved = { ok: true; compiled: CompiledFlag; references: References } | { ok: false; problem: Problem };

export function resolveFlag(source: FlagSource, snapshot: Snapshot): Resolved {
  const references = referencesOf(snapshot, { ...(source.segments ? { segments: source.segments } : {}), ...(source.flags ? { flags: source.flags } : {}) });
  if (source.flagKey !== undefined) {
    const doc = ownValue(references.flags, source.flagKey);
    if (!doc) return { ok: false, problem: problem('FLAG_NOT_FOUND', `no flag "${source.flagKey}" in environment "${snapshot.environment}"`, [{ path: '/flagKey', code: 'FLAG_NOT_FOUND', message: `no flag "${source.flagKey}"` }]) };
    const compiled = compileFlag(doc, references);
    // A stored flag that no longer compiles (a segment it needs was deleted): paths are the stored document's.
    if (!compiled.ok) return { ok: false, problem: problem('INVALID_FLAG', `the stored flag "${source.flagKey}" does not compile`, compiled.errors) };
    return { ok: true, compiled: compiled.flag, references };
  }
  const compiled = compileFlag(source.flag, references);
  if (!compiled.ok) {
    const errors = compiled.errors.map((e) => ({ ...e, path: `/flag${e.path}` }));
    return { ok: false, problem: problem('INVALID_FLAG', `the draft has ${errors.length} error${errors.length === 1 ? '' : 's'}; POST it to /v1/rules/validate for warnings too`, errors) };
  }
  return { ok: true, compiled: compiled.flag, references };
}
