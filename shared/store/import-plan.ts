// Importing many documents into an environment at once, the same for every adapter: each document
// is admitted first (every problem listed, at `/flags/3/...`), then one plan writes them all in one
// transaction or nothing. Each document gets its own next version and history entry; the
// environment's version advances once per document, as if they had been written one by one. A
// document equal to the stored one (version aside) is left alone: no version, no history entry.
// The preview classifies the same items against the same read and writes nothing.

import { decodeDocument, decodeEnvironment } from './codec.ts';
import type { ImportChange, ImportInput, ImportPreview, ImportResult } from './admin-ports.ts';
import { diffJson } from './diff.ts';
import { DOCUMENT_KINDS, type DocumentKind, type DocumentOf } from './document-ports.ts';
import { conflict, NOT_FOUND, type Conflict, type Invalid, type NotFound, type Precondition } from './results.ts';
import { admit, checkPrecondition, planPut, withoutVersion, type Admitted, type WritePlan } from './write-plan.ts';

export type ImportItem = { readonly kind: DocumentKind; readonly admitted: Admitted<DocumentOf[DocumentKind]> };

export const importId = (kind: DocumentKind, key: string) => `${kind}/${key}`;

/** Validation on the way in, before any read: shapes, and no key twice in one kind. */
export function admitImport(input: ImportInput, precondition: Precondition): { ok: true; items: ImportItem[] } | Invalid {
  const refused = checkPrecondition(precondition);
  if (refused) return refused;
  const items: ImportItem[] = [];
  const issues: Invalid['issues'][number][] = [];
  for (const kind of DOCUMENT_KINDS) {
    const seen = new Set<string>();
    (input[kind] ?? []).forEach((doc, i) => {
      const admitted = admit(kind, doc, { ...precondition, ifMatch: 0 });
      if (!admitted.ok) return void issues.push(...admitted.issues.map((issue) => ({ ...issue, path: `/${kind}/${i}${issue.path}` })));
      if (seen.has(admitted.key)) return void issues.push({ path: `/${kind}/${i}`, code: 'INVALID_KEY', message: `"${admitted.key}" appears twice in ${kind}` });
      seen.add(admitted.key);
      items.push({ kind, admitted });
    });
  }
  return issues.length > 0 ? { ok: false, reason: 'invalid', issues } : { ok: true, items };
}

export type ImportRead = {
  readonly environment: unknown;
  /** Stored records by `importId(kind, key)`; absent ones left out. */
  readonly current: ReadonlyMap<string, unknown>;
  readonly now: number;
};

/** What writing `admitted` over the record read under its key would change. */
export function changeOf(kind: DocumentKind, admitted: Admitted<DocumentOf[DocumentKind]>, raw: unknown): ImportChange {
  const key = admitted.key;
  const decoded = decodeDocument(kind, raw);
  if (decoded.state === 'absent' || decoded.state === 'deleted') return { kind, key, change: 'added' };
  // A corrupt record has no document to compare with: it is replaced, and the diff shows all that is new.
  const before = decoded.state === 'live' ? withoutVersion(decoded.value.document) : undefined;
  const diff = diffJson(before, withoutVersion(admitted.document));
  return diff.length === 0 ? { kind, key, change: 'unchanged', version: decoded.version } : { kind, key, change: 'changed', version: decoded.version, diff };
}

/** The preview of an import: every item classified against the read; with `ifMatch`, a moved environment is a conflict. */
export function previewImport(items: readonly ImportItem[], ifMatch: number | undefined, read: Omit<ImportRead, 'now'>): ImportPreview | Conflict | NotFound {
  const env = decodeEnvironment(read.environment);
  if (!env) return NOT_FOUND;
  if (ifMatch !== undefined && env.version !== ifMatch) return conflict(env.version);
  const changes = items.map(({ kind, admitted }) => changeOf(kind, admitted, read.current.get(importId(kind, admitted.key))));
  return { ok: true, environmentVersion: env.version, changes };
}

export type ImportPlan = { readonly ok: true; readonly plans: readonly (WritePlan<unknown> & { readonly kind: DocumentKind })[]; readonly environmentVersion: number; readonly result: ImportResult };

/** `precondition.ifMatch` is the environment's version: an import over a changed environment is a conflict. */
export function planImport(environment: string, items: readonly ImportItem[], precondition: Precondition, read: ImportRead): ImportPlan | Conflict | NotFound {
  const env = decodeEnvironment(read.environment);
  if (!env) return NOT_FOUND;
  if (env.version !== precondition.ifMatch) return conflict(env.version);
  let record = env;
  const plans: (WritePlan<unknown> & { kind: DocumentKind })[] = [];
  const unchanged: ImportResult['unchanged'][number][] = [];
  for (const { kind, admitted } of items) {
    const current = read.current.get(importId(kind, admitted.key));
    const change = changeOf(kind, admitted, current);
    if (change.change === 'unchanged') {
      unchanged.push({ kind, key: admitted.key, version: change.version });
      continue;
    }
    const decoded = decodeDocument(kind, current);
    const ifMatch = decoded.state === 'live' || decoded.state === 'corrupt' ? decoded.version : 0;
    const plan = planPut(kind, environment, admitted, { ...precondition, ifMatch }, { environment: record, current, now: read.now });
    // Cannot happen: the version expected is the one just read.
    if (!plan.ok) throw new Error(`import plan for ${importId(kind, admitted.key)}: ${plan.reason}`);
    plans.push({ ...plan, kind });
    record = { ...record, version: plan.environmentVersion };
  }
  const written = plans.map((p) => ({ kind: p.kind, key: p.document.key, version: p.document.version }));
  return { ok: true, plans, environmentVersion: record.version, result: { ok: true, environmentVersion: record.version, written, unchanged } };
}
