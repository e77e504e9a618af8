// zod issues as coded issues at JSON Pointers. A union (condition forms, serve forms) reports the
// issues of the branch the input was closest to, so the message names the real mistake.

import type * as z from 'zod';
import { issue, type Issue, type IssueCode, type PathSegment } from '../issues.ts';

type ZodIssue = z.core.$ZodIssue;

function size(issues: readonly ZodIssue[]): number {
  return issues.reduce((n, i) => n + (i.code === 'invalid_union' ? 1 + Math.min(...i.errors.map(size)) : 1), 0);
}

/** Root-level trouble means the input was not of this branch's form at all. */
function offForm(issues: readonly ZodIssue[]): boolean {
  return issues.some((i) => i.path.length === 0 && (i.code === 'unrecognized_keys' || i.code === 'invalid_type'));
}

/** The key a branch requires that the input lacks, when that is its only complaint. */
function missingKey(issues: readonly ZodIssue[]): string | undefined {
  const [only] = issues;
  if (issues.length !== 1 || !only) return undefined;
  if (only.path.length !== 1) return undefined;
  return 'input' in only && only.input === undefined ? String(only.path[0]) : undefined;
}

function codeOf(i: ZodIssue): IssueCode {
  const last = i.path[i.path.length - 1];
  switch (i.code) {
    case 'invalid_type':
      return 'input' in i && i.input === undefined ? 'REQUIRED' : 'INVALID_TYPE';
    case 'unrecognized_keys':
      return 'UNKNOWN_FIELD';
    case 'invalid_value':
      if ('input' in i && i.input === undefined) return 'REQUIRED';
      return last === 'op' ? 'UNKNOWN_OPERATOR' : 'INVALID_VALUE';
    case 'invalid_key':
      return 'INVALID_KEY';
    case 'too_big':
      return i.origin === 'array' ? 'LIST_TOO_LONG' : 'INVALID_VALUE';
    default:
      return 'INVALID_VALUE';
  }
}

function messageOf(i: ZodIssue): string {
  if (i.code === 'invalid_value' && i.path[i.path.length - 1] === 'op' && 'input' in i) {
    return `${JSON.stringify(i.input)} is not an operator`;
  }
  if ('input' in i && i.input === undefined) return `"${String(i.path[i.path.length - 1] ?? 'value')}" is required`;
  return i.message;
}

/** The input fits no branch's form: name the forms, and the fields no form knows. */
function reportNoForm(branches: readonly (readonly ZodIssue[])[], at: readonly PathSegment[], out: Issue[]): void {
  const required = branches.flatMap((b) => {
    const missing = b.filter((i) => i.path.length === 1 && 'input' in i && i.input === undefined).map((i) => String(i.path[0]));
    if (missing.length > 0) return missing.slice(0, 1);
    // The branch found its own field and objected only to others: that field names its form.
    const extra = b.find((i) => i.code === 'unrecognized_keys' && i.path.length === 0);
    if (!extra || extra.code !== 'unrecognized_keys' || typeof extra.input !== 'object' || extra.input === null) return [];
    return Object.keys(extra.input).filter((k) => !extra.keys.includes(k)).slice(0, 1);
  }).map((k) => `"${k}"`);
  out.push(issue(at, 'INVALID_VALUE', `expected exactly one of the fields ${[...new Set(required)].join(', ')}`));
  const unknownPerBranch = branches.map((b) => new Set(b.flatMap((i) => (i.code === 'unrecognized_keys' && i.path.length === 0 ? i.keys : []))));
  const unknownToAll = [...unknownPerBranch[0]!].filter((key) => unknownPerBranch.every((keys) => keys.has(key)));
  for (const key of unknownToAll) out.push(issue([...at, key], 'UNKNOWN_FIELD', `"${key}" is not a field here`));
}

function flatten(issues: readonly ZodIssue[], base: readonly PathSegment[], out: Issue[]): void {
  for (const i of issues) {
    const at = [...base, ...(i.path as PathSegment[])];
    if (i.code === 'unrecognized_keys') {
      for (const key of i.keys) out.push(issue([...at, key], 'UNKNOWN_FIELD', `"${key}" is not a field here`));
    } else if (i.code === 'invalid_union' && i.errors.length > 0) {
      const keys = i.errors.map(missingKey);
      if (keys.every((k) => k !== undefined) && keys.length > 1) {
        out.push(issue(at, 'INVALID_VALUE', `expected one of the fields ${keys.map((k) => `"${k}"`).join(', ')}`));
        continue;
      }
      if (i.errors.every(offForm)) {
        reportNoForm(i.errors, at, out);
        continue;
      }
      const ranked = i.errors.map((branch) => ({ branch, score: (offForm(branch) ? 1000 : 0) + size(branch) }));
      ranked.sort((a, b) => a.score - b.score);
      flatten(ranked[0]!.branch, at, out);
    } else if (i.code === 'invalid_element' || i.code === 'invalid_key') {
      flatten(i.issues, at, out);
    } else {
      out.push(issue(at, codeOf(i), messageOf(i)));
    }
  }
}

/** Parses `input` with `schema`; the value when it fits, else every issue. */
export function parseShape<T>(schema: z.ZodType<T>, input: unknown): { ok: true; value: T } | { ok: false; issues: Issue[] } {
  const result = schema.safeParse(input, { reportInput: true });
  if (result.success) return { ok: true, value: result.data };
  const out: Issue[] = [];
  flatten(result.error.issues, [], out);
  return { ok: false, issues: out };
}
