// Checking one submitted document (a flag, a segment or a bare condition) against an
// environment's references and catalogue, with its complexity score.

import {
  analyze, ConditionSchema, FlagSchema, flagComplexity, parseWithSchema, SegmentSchema, validate,
  type AttributeDefinition, type Condition, type Flag, type Issue, type Segment,
} from '../../shared/rules/index.ts';
import type { References } from '../../shared/authoring/references.ts';
import { goldenContextIssues } from '../../shared/authoring/golden-contexts.ts';

export const DOCUMENT_KINDS = ['flag', 'segment', 'condition'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export type DocumentReport = {
  readonly valid: boolean;
  readonly errors: readonly Issue[];
  readonly warnings: readonly Issue[];
  /** Null when the document's shape is too broken to score. */
  readonly complexity: number | null;
  /** Present when the caller's deadline ended the analysis behind the warnings. */
  readonly stopped?: { readonly rulesDone: number };
};

/**
 * A condition scores as the one rule of a minimal flag that serves a variant when it holds,
 * less the 2 that the flag and the rule themselves add: what the condition costs inside any flag.
 */
function conditionComplexity(when: Condition, segments: References['segments']): number {
  const wrapper: Flag = { key: 'condition', enabled: true, variants: { on: true, off: false }, offVariant: 'off', defaultVariant: 'off', rules: [{ id: 'condition', when, serve: { variant: 'on' } }] };
  return Math.round((analyze(wrapper, { segments }).complexity - 2) * 100) / 100;
}

function complexityOf(kind: DocumentKind, doc: unknown, segments: References['segments']): number | null {
  // Analysis is meant for valid documents; one with semantic errors usually still scores, and
  // when it cannot, the report says null rather than failing the whole answer.
  try {
    return scoreOf(kind, doc, segments);
  } catch {
    return null;
  }
}

function scoreOf(kind: DocumentKind, doc: unknown, segments: References['segments']): number | null {
  if (kind === 'flag') {
    const shape = parseWithSchema(FlagSchema, doc);
    return shape.ok ? flagComplexity(shape.value, segments) : null;
  }
  if (kind === 'segment') {
    const shape = parseWithSchema(SegmentSchema, doc);
    return shape.ok ? conditionComplexity(shape.value.when, segments) : null;
  }
  const shape = parseWithSchema(ConditionSchema, doc);
  return shape.ok ? conditionComplexity(shape.value, segments) : null;
}

/** The keyed documents a draft replaces, so cycles through the draft itself are found. */
function withDraft(kind: DocumentKind, doc: unknown, references: References): References {
  const key = typeof doc === 'object' && doc !== null && 'key' in doc && typeof doc.key === 'string' ? doc.key : undefined;
  if (key === undefined) return references;
  if (kind === 'segment') {
    const shape = parseWithSchema(SegmentSchema, doc);
    return shape.ok ? { ...references, segments: { ...references.segments, [key]: shape.value as Segment } } : references;
  }
  if (kind === 'flag') {
    const shape = parseWithSchema(FlagSchema, doc);
    return shape.ok ? { ...references, flags: { ...references.flags, [key]: shape.value } } : references;
  }
  return references;
}

/** `stop` is the caller's deadline for the analysis behind a flag's warnings. */
export function checkDocument(kind: DocumentKind, doc: unknown, references: References, catalogue: readonly AttributeDefinition[], stop?: () => boolean): DocumentReport {
  const scope = withDraft(kind, doc, references);
  const result = validate(doc, { kind, catalogue, segments: scope.segments, flags: scope.flags, stop });
  // The admin function refuses these on save; validate says so first.
  const errors = kind === 'flag' ? [...result.errors, ...goldenContextIssues(doc)] : result.errors;
  const report = { valid: errors.length === 0, errors, warnings: result.warnings, complexity: complexityOf(kind, doc, scope.segments) };
  return result.stopped ? { ...report, stopped: result.stopped } : report;
}
