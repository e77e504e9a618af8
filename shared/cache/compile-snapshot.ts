// An environment's stored snapshot compiled for evaluation, reusing what an earlier compilation of
// the same documents built: only flags whose documents changed are compiled again.

import { compileFlag, type CompiledFlag, type Flag, type Segment } from '../rules/index.ts';
import type { Snapshot } from '../store/ports.ts';

export type CompiledSnapshot = {
  readonly environment: string;
  readonly version: number;
  /**
   * When the version read that confirmed this snapshot began (epoch ms): every write acknowledged
   * before then is in it. The freshness bound is measured from here.
   */
  readonly confirmedAt: number;
  readonly flags: ReadonlyMap<string, CompiledFlag>;
  /** Flags that are stored but do not compile, with the reason: evaluated as PARSE_ERROR. */
  readonly invalid: ReadonlyMap<string, string>;
  /** Every flag key, sorted: the order of bulk answers. */
  readonly keys: readonly string[];
  /** The keys of flags marked clientVisible, sorted: all that client SDK keys may evaluate. */
  readonly clientKeys: readonly string[];
  readonly clientVisible: ReadonlySet<string>;
  /** Every attribute path some flag reads (segments included). */
  readonly attributes: ReadonlySet<string>;
  /** JSON of each flag's source, to recompile only what changed. */
  readonly sources: ReadonlyMap<string, string>;
  readonly segmentsSource: string;
};

export function compileSnapshot(snapshot: Snapshot, previous: CompiledSnapshot | undefined, confirmedAt: number): CompiledSnapshot {
  const segments: Record<string, Segment> = Object.fromEntries(snapshot.segments.map((s) => [s.key, s]));
  const flagsByKey: Record<string, Flag> = Object.fromEntries(snapshot.flags.map((f) => [f.key, f]));
  const segmentsSource = JSON.stringify(snapshot.segments);
  const reuse = previous !== undefined && previous.segmentsSource === segmentsSource;
  const flags = new Map<string, CompiledFlag>();
  const invalid = new Map<string, string>(snapshot.corrupt.map((c) => [c.id.replace(/^flags\//, ''), c.problem]));
  const sources = new Map<string, string>();
  for (const doc of snapshot.flags) {
    const source = JSON.stringify(doc);
    sources.set(doc.key, source);
    const held = reuse && !doc.prerequisites?.length && previous.sources.get(doc.key) === source ? previous.flags.get(doc.key) : undefined;
    if (held) {
      flags.set(doc.key, held);
      continue;
    }
    const compiled = compileFlag(doc, { segments, flags: flagsByKey });
    if (compiled.ok) flags.set(doc.key, compiled.flag);
    else invalid.set(doc.key, compiled.errors.map((e) => `${e.path} ${e.message}`).join('; '));
  }
  const keys = [...new Set([...flags.keys(), ...invalid.keys()])].sort();
  const visible = new Set(snapshot.flags.filter((doc) => doc.clientVisible === true).map((doc) => doc.key));
  const clientKeys = keys.filter((key) => visible.has(key));
  const attributes = new Set([...flags.values()].flatMap((flag) => flag.attributes));
  return { environment: snapshot.environment, version: snapshot.version, confirmedAt, flags, invalid, keys, clientKeys, clientVisible: visible, attributes, sources, segmentsSource };
}
