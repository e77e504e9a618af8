// Validation: every error of a flag, segment or bare condition, each with its JSON path and a
// stable code. compileFlag refuses what has errors; warnings (analysis, catalogue) never block.

import { LIMITS } from '../limits.ts';
import { issue, type Issue, type PathSegment } from '../issues.ts';
import { ConditionSchema, FlagSchema, SegmentSchema, type AttributeDefinition, type Flag, type Segment } from '../schema.ts';
import { checkTopCondition, type Findings } from './conditions.ts';
import { checkFlag, checkSegment, type ReferenceScope } from './flag.ts';
import { parseShape } from './shape.ts';

export type Catalogue = readonly AttributeDefinition[] | Readonly<Record<string, AttributeDefinition>>;

export type ValidateOptions = {
  readonly kind?: 'flag' | 'segment' | 'condition';
  /** When given, clauses are type-checked against it and unknown attributes are warned about. */
  readonly catalogue?: Catalogue;
  /** When given, segment references must resolve and may not form cycles. */
  readonly segments?: Readonly<Record<string, Segment>>;
  /** When given, prerequisites must resolve to known flags and variants, without cycles. */
  readonly flags?: Readonly<Record<string, Flag>>;
  /** A caller's deadline for the analysis behind a valid flag's warnings (see AnalyzeOptions). */
  readonly stop?: () => boolean;
};

export type ValidationResult = {
  readonly errors: readonly Issue[];
  readonly warnings: readonly Issue[];
  /** Present when `stop` ended the analysis: the warnings are incomplete. */
  readonly stopped?: { readonly rulesDone: number };
};

export function catalogueMap(catalogue: Catalogue | undefined): ReadonlyMap<string, AttributeDefinition> | undefined {
  if (!catalogue) return undefined;
  const list = Array.isArray(catalogue) ? catalogue : Object.values(catalogue);
  return new Map(list.map((definition: AttributeDefinition) => [definition.name, definition]));
}

function utf8Length(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/**
 * Members named `__proto__`, anywhere in the document (metadata, variant values, operands, golden
 * contexts). JSON.parse keeps them as own members, but zod's records, object spreads into `{}` and
 * plain assignment drop them or set a prototype instead, so such a document could not be stored as
 * sent. It is refused at the member's path rather than acknowledged and changed.
 */
function reservedMembers(doc: unknown): Issue[] {
  const found: Issue[] = [];
  const stack: { value: unknown; at: PathSegment[] }[] = [{ value: doc, at: [] }];
  while (stack.length > 0) {
    const { value, at } = stack.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (Array.isArray(value)) {
      value.forEach((item, i) => stack.push({ value: item, at: [...at, i] }));
      continue;
    }
    for (const key of Object.keys(value)) {
      if (key === '__proto__') found.push(issue([...at, key], 'RESERVED_KEY', '"__proto__" cannot be a member name here; rename it'));
      stack.push({ value: (value as Record<string, unknown>)[key], at: [...at, key] });
    }
  }
  return found.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** The document as JSON is at most the document limit; a cyclic or non-JSON value is refused; no member is named `__proto__`. */
function checkRaw(doc: unknown): Issue[] {
  const tooLarge = checkSize(doc);
  return tooLarge ? [tooLarge] : reservedMembers(doc);
}

function checkSize(doc: unknown): Issue | undefined {
  let text: string | undefined;
  try {
    text = JSON.stringify(doc);
  } catch {
    return issue([], 'INVALID_TYPE', 'the document is not JSON');
  }
  if (text !== undefined && utf8Length(text) > LIMITS.flagDocumentBytes) {
    return issue([], 'DOCUMENT_TOO_LARGE', `the document is ${utf8Length(text)} bytes of JSON; the limit is ${LIMITS.flagDocumentBytes}`);
  }
  return undefined;
}

function scopeOf(options: ValidateOptions): ReferenceScope {
  const catalogue = catalogueMap(options.catalogue);
  return {
    ...(options.segments ? { segments: options.segments } : {}),
    ...(options.flags ? { flags: options.flags } : {}),
    ...(catalogue ? { catalogue } : {}),
  };
}

export type Checked<T> = { ok: true; value: T; warnings: Issue[] } | { ok: false; errors: Issue[]; warnings: Issue[] };

/** Shape and semantic checks of a flag: what compileFlag needs to trust the document. */
export function checkFlagDocument(doc: unknown, options: ValidateOptions = {}): Checked<Flag> {
  const raw = checkRaw(doc);
  if (raw.length > 0) return { ok: false, errors: raw, warnings: [] };
  const shape = parseShape(FlagSchema, doc);
  if (!shape.ok) return { ok: false, errors: shape.issues, warnings: [] };
  const out: Findings = { errors: [], warnings: [] };
  checkFlag(shape.value, scopeOf(options), out);
  return out.errors.length > 0 ? { ok: false, ...out } : { ok: true, value: shape.value, warnings: out.warnings };
}

export function checkSegmentDocument(doc: unknown, options: ValidateOptions = {}): Checked<Segment> {
  const raw = checkRaw(doc);
  if (raw.length > 0) return { ok: false, errors: raw, warnings: [] };
  const shape = parseShape(SegmentSchema, doc);
  if (!shape.ok) return { ok: false, errors: shape.issues, warnings: [] };
  const out: Findings = { errors: [], warnings: [] };
  checkSegment(shape.value, scopeOf(options), out);
  return out.errors.length > 0 ? { ok: false, ...out } : { ok: true, value: shape.value, warnings: out.warnings };
}

export function checkConditionDocument(doc: unknown, options: ValidateOptions = {}): ValidationResult {
  const raw = checkRaw(doc);
  if (raw.length > 0) return { errors: raw, warnings: [] };
  const shape = parseShape(ConditionSchema, doc);
  if (!shape.ok) return { errors: shape.issues, warnings: [] };
  const out: Findings = { errors: [], warnings: [] };
  checkTopCondition(shape.value, [], scopeOf(options), out);
  return out;
}
