// The segments and flags a document is checked and compiled against: the environment's, with
// drafts laid over them by key, so a draft segment or flag replaces its stored version.

import type { Flag, Segment } from '../rules/index.ts';
import type { Snapshot } from '../store/ports.ts';
import { setOwn } from '../rules/own.ts';

export type References = {
  readonly segments: Readonly<Record<string, Segment>>;
  readonly flags: Readonly<Record<string, Flag>>;
};

export function referencesOf(snapshot: Snapshot, drafts: { readonly segments?: readonly Segment[]; readonly flags?: readonly Flag[] } = {}): References {
  const segments: Record<string, Segment> = {};
  for (const s of [...snapshot.segments, ...(drafts.segments ?? [])]) setOwn(segments, s.key, s);
  const flags: Record<string, Flag> = {};
  for (const f of [...snapshot.flags, ...(drafts.flags ?? [])]) setOwn(flags, f.key, f);
  return { segments, flags };
}
