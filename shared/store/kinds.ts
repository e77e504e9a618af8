// What differs between the document kinds of an environment: schema, key, where the version goes
// and how a listing filter applies. Everything else about documents is shared.

import type * as z from 'zod';
import { AttributeDefinitionSchema, FlagSchema, SegmentSchema, type Flag } from '../rules/index.ts';
import type { DocumentKind, DocumentOf, ListFilter } from './document-ports.ts';

export type KindSpec<T> = {
  readonly schema: z.ZodType<T>;
  readonly keyOf: (document: T) => string;
  /** The document as stored at `version` (flags and segments carry their version). */
  readonly stamp: (document: T, version: number) => T;
  readonly matches: (document: T, filter: ListFilter) => boolean;
};

const containsText = (text: string | undefined, ...fields: (string | undefined)[]) =>
  text === undefined || fields.some((f) => f !== undefined && f.toLowerCase().includes(text.toLowerCase()));

const flags: KindSpec<Flag> = {
  schema: FlagSchema,
  keyOf: (f) => f.key,
  stamp: (f, version) => ({ ...f, version }),
  matches: (f, { tag, enabled, text }) =>
    (tag === undefined || (f.tags ?? []).includes(tag)) && (enabled === undefined || f.enabled === enabled) && containsText(text, f.key, f.name),
};

export const KINDS: { readonly [K in DocumentKind]: KindSpec<DocumentOf[K]> } = {
  flags,
  segments: {
    schema: SegmentSchema,
    keyOf: (s) => s.key,
    stamp: (s, version) => ({ ...s, version }),
    // Segments have neither tags nor an enabled switch: those filters match none.
    matches: (s, { tag, enabled, text }) => tag === undefined && enabled === undefined && containsText(text, s.key, s.name),
  },
  attributes: {
    schema: AttributeDefinitionSchema,
    keyOf: (a) => a.name,
    stamp: (a) => a,
    matches: (a, { tag, enabled, text }) => tag === undefined && enabled === undefined && containsText(text, a.name, a.description),
  },
};
