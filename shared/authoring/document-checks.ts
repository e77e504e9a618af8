// What a document must pass before it is stored: the core's validate() against the
// environment's segments, flags and attribute catalogue (the draft laid over them), and for a
// flag its golden tests. Paths are the document's own (`/rules/0/when`); routes prefix them. The
// admin function's saves and imports and the minute run's scheduled changes all check through it.

import { catalogueOf, definitionsOf } from './catalogue.ts';
import { goldenContextIssues } from './golden-contexts.ts';
import { AttributeDefinitionSchema, parseWithSchema, validate, type AttributeDefinition, type Flag, type Issue, type Segment } from '../rules/index.ts';
import type { DocumentKind } from '../store/document-ports.ts';
import type { AdminStores } from '../store/ports.ts';
import { runGoldenTests, type GoldenFailure } from './golden-tests.ts';

/** An environment's documents as a check sees them. */
export type Scope = {
  readonly segments: Readonly<Record<string, Segment>>;
  readonly flags: Readonly<Record<string, Flag>>;
  readonly attributes: readonly AttributeDefinition[];
};

export async function scopeOf(stores: AdminStores, environment: string): Promise<Scope | undefined> {
  const [snapshot, attributes] = await Promise.all([stores.flags.snapshot(environment), stores.flags.attributes(environment)]);
  if (!snapshot) return undefined;
  return {
    segments: Object.fromEntries(snapshot.segments.map((s) => [s.key, s])),
    flags: Object.fromEntries(snapshot.flags.map((f) => [f.key, f])),
    attributes,
  };
}

/** The scope with drafts laid over it by key (a draft replaces its stored version). */
export function withDrafts(scope: Scope, drafts: { flags?: readonly Flag[]; segments?: readonly Segment[]; attributes?: readonly AttributeDefinition[] }): Scope {
  const attributes = new Map(scope.attributes.map((a) => [a.name, a]));
  for (const a of drafts.attributes ?? []) attributes.set(a.name, a);
  return {
    segments: { ...scope.segments, ...Object.fromEntries((drafts.segments ?? []).map((s) => [s.key, s])) },
    flags: { ...scope.flags, ...Object.fromEntries((drafts.flags ?? []).map((f) => [f.key, f])) },
    attributes: [...attributes.values()],
  };
}

const keyOf = (doc: unknown) => (typeof doc === 'object' && doc !== null && 'key' in doc && typeof doc.key === 'string' ? doc.key : undefined);

export type Checked = { readonly errors: readonly Issue[]; readonly failures: readonly GoldenFailure[] };

/** Errors of the document, and (for a valid flag) its failing golden tests at `now`. */
export function checkDocument(kind: DocumentKind, doc: unknown, scope: Scope, now: number): Checked {
  if (kind === 'attributes') {
    const parsed = parseWithSchema(AttributeDefinitionSchema, doc);
    return { errors: parsed.ok ? [] : parsed.issues, failures: [] };
  }
  const catalogue = definitionsOf(catalogueOf(scope.attributes));
  const key = keyOf(doc);
  if (kind === 'segments') {
    const segments = key === undefined ? scope.segments : { ...scope.segments, [key]: doc as Segment };
    return { errors: validate(doc, { kind: 'segment', catalogue, segments, flags: scope.flags }).errors, failures: [] };
  }
  const flags = key === undefined ? scope.flags : { ...scope.flags, [key]: doc as Flag };
  const errors = [...validate(doc, { kind: 'flag', catalogue, segments: scope.segments, flags }).errors, ...goldenContextIssues(doc)];
  if (errors.length > 0) return { errors, failures: [] };
  return { errors, failures: runGoldenTests(doc as Flag, { segments: scope.segments, flags }, now) };
}
