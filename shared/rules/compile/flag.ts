// compileFlag: validate once, then turn the flag into a program (and closures that explain it)
// with every constant pre-parsed, results that never change pre-built, and prerequisites and
// segments resolved.

import type { Issue } from '../issues.ts';
import type { Evaluation } from '../evaluation.ts';
import type { Condition, Flag, JsonValue, Segment } from '../schema.ts';
import { clausesOf, parseBehaviorAttribute, segmentRefs } from '../validate/conditions.ts';
import { checkFlagDocument } from '../validate/index.ts';
import { toEpochMs } from '../values.ts';
import { compileCondition, CompileError, type CompiledSegment, type Explain } from './condition.ts';
import { conditionProgram, execute, flagProgram, type ProgramNode } from './program.ts';
import { compileServe, type Serve } from './serve.ts';

/** Prerequisite keys already on the evaluation's path: an immutable list, one node per level. */
export type Visited = { readonly key: string; readonly next: Visited | null } | null;

export type CompiledRule = {
  readonly id: string;
  readonly index: number;
  /** How the rule's condition explains itself in a trace; null when it matches everyone. */
  readonly condition: { readonly explain: Explain } | null;
  readonly serve: Serve;
  /** The rule's result when it never changes (a fixed variant), else null. */
  readonly constant: Evaluation | null;
  readonly window: Window | null;
};

type Window = { readonly from: number; readonly until: number };

export type CompiledFlag = {
  /** Enabled, with no schedule and no prerequisites: the program alone decides. */
  readonly direct: boolean;
  readonly key: string;
  readonly version: number | undefined;
  /** The validated document, defaults applied. */
  readonly doc: Flag;
  readonly enabled: boolean;
  readonly rules: readonly CompiledRule[];
  readonly window: Window | null;
  readonly prerequisites: readonly { readonly flag: CompiledFlag; readonly variant: string }[];
  /** Pre-built results, frozen, shared by every evaluation that ends there. */
  readonly results: { readonly off: Evaluation; readonly scheduledOff: Evaluation; readonly fallthrough: Evaluation };
  /** Attribute paths the flag reads, its segments' included. */
  readonly attributes: readonly string[];
  /** Behavioural counters the flag reads: the edge fetches these and only these. */
  readonly behavior: readonly { readonly event: string; readonly days: number }[];
  readonly experiments: readonly string[];
  /** The rules as one program (program.ts): the untraced evaluation after the flag-level checks. */
  readonly program: readonly unknown[];
};

export type CompileOptions = {
  readonly segments?: Readonly<Record<string, Segment>>;
  readonly flags?: Readonly<Record<string, Flag>>;
};

export type CompileResult = { ok: true; flag: CompiledFlag } | { ok: false; errors: readonly Issue[] };

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

function windowOf(schedule: { from?: string | number; until?: string | number } | undefined): Window | null {
  if (!schedule) return null;
  const from = schedule.from === undefined ? -Infinity : toEpochMs(schedule.from)!;
  const until = schedule.until === undefined ? Infinity : toEpochMs(schedule.until)!;
  return { from, until };
}

/** Compiles within one call share segments and prerequisites, and see cycles as they form. */
class Compilation {
  private readonly segments = new Map<string, CompiledSegment | string>();
  private readonly flags = new Map<string, CompiledFlag>();
  private readonly options: CompileOptions;

  constructor(options: CompileOptions) {
    this.options = options;
  }

  segment(key: string, stack: readonly string[]): CompiledSegment | string {
    const known = this.segments.get(key);
    if (known) return known;
    const doc = this.options.segments && Object.hasOwn(this.options.segments, key) ? this.options.segments[key] : undefined;
    if (!doc) return `no segment "${key}" exists`;
    if (stack.includes(key)) return `segments form a cycle: ${[...stack, key].join(' -> ')}`;
    let compiled: CompiledSegment | string;
    try {
      const { cost, explain, program } = compileCondition(doc.when, ['when'], {
        resolveSegment: (k) => this.segment(k, [...stack, key]),
        isPrivate: () => false,
        segment: key,
      });
      compiled = { cost, explain, test: segmentTest(conditionProgram(program)) };
    } catch (error) {
      compiled = `segment "${key}" does not compile: ${(error as Error).message}`;
    }
    this.segments.set(key, compiled);
    return compiled;
  }

  flag(doc: Flag, stack: readonly string[]): CompiledFlag {
    const known = this.flags.get(doc.key);
    if (known) return known;
    const compiled = buildFlag(doc, this, stack);
    this.flags.set(doc.key, compiled);
    return compiled;
  }

  /** Adds the attributes a condition reads, through its segments, to `into`. */
  attributesOf(condition: Condition, into: Set<string>, seen: Set<string> = new Set()): void {
    for (const { clause } of clausesOf(condition)) if (clause.attr) into.add(clause.attr);
    for (const key of segmentRefs(condition)) {
      const doc = this.options.segments && Object.hasOwn(this.options.segments, key) ? this.options.segments[key] : undefined;
      if (!doc || seen.has(key)) continue;
      seen.add(key);
      this.attributesOf(doc.when, into, seen);
    }
  }

  prerequisite(key: string, stack: readonly string[]): CompiledFlag {
    if (stack.includes(key)) throw new CompileError('/prerequisites', `prerequisites form a cycle: ${[...stack, key].join(' -> ')}`);
    const doc = this.options.flags && Object.hasOwn(this.options.flags, key) ? this.options.flags[key] : undefined;
    if (!doc) throw new CompileError('/prerequisites', `no flag "${key}" exists`);
    const checked = checkFlagDocument(doc, this.options);
    if (!checked.ok) throw new CompileError('/prerequisites', `flag "${key}" is invalid: ${checked.errors[0]!.path} ${checked.errors[0]!.message}`);
    return this.flag(checked.value, stack);
  }
}

const EMPTY: readonly never[] = Object.freeze([]);

/** The list, or one shared empty list: most flags have no prerequisites, behaviour or experiments. */
function none<T>(list: readonly T[]): readonly T[] {
  return list.length === 0 ? EMPTY : list;
}

/**
 * A rule's explanation, compiled on its first use. PERFORMANCE NOTE: traces are rare (previews,
 * debugging) and their closures were a quarter of a compiled flag's memory. Made here, not inside
 * buildFlag, so the closure keeps only what it needs, not buildFlag's whole scope.
 */
function explainLater(when: Condition, index: number, compilation: Compilation, isPrivate: (attr: string) => boolean): Explain {
  let explain: Explain | undefined;
  return (context, now, out) => {
    explain ??= compileCondition(when, ['rules', index, 'when'], { resolveSegment: (k) => compilation.segment(k, []), isPrivate }).explain;
    return explain(context, now, out);
  };
}

/** Whether an attribute is private to the flag; made outside buildFlag to keep only the set. */
function privacyOf(privateAttributes: readonly string[] | undefined): (attr: string) => boolean {
  const set = new Set(privateAttributes ?? []);
  return (attr) => set.has(attr);
}

function segmentTest(program: readonly unknown[]): (context: Parameters<typeof execute>[1], now: number) => boolean {
  return (context, now) => execute(program, context, now) as boolean;
}

function buildFlag(doc: Flag, compilation: Compilation, stack: readonly string[]): CompiledFlag {
  const flag = deepFreeze(doc);
  const values: Readonly<Record<string, JsonValue>> = flag.variants;
  const isPrivate = privacyOf(flag.privateAttributes);
  const here = [...stack, flag.key];
  const attributes = new Set<string>();
  const nodes: (ProgramNode | null)[] = [];
  const rules = (flag.rules ?? []).map((rule, index): CompiledRule => {
    const when = rule.when;
    const scope = { resolveSegment: (k: string) => compilation.segment(k, []), isPrivate };
    const condition = when ? compileCondition(when, ['rules', index, 'when'], { ...scope, explain: false }) : null;
    nodes.push(condition?.program ?? null);
    if (rule.when) compilation.attributesOf(rule.when, attributes);
    if ('rollout' in rule.serve) attributes.add(rule.serve.rollout.by);
    const { serve, constant } = compileServe(flag, rule, values, isPrivate);
    const explain = when ? explainLater(when, index, compilation, isPrivate) : null;
    return { id: rule.id, index, condition: explain && { explain }, serve, constant, window: windowOf(rule.schedule) };
  });
  const prerequisites = none((flag.prerequisites ?? []).map((p) => ({ flag: compilation.prerequisite(p.flag, here), variant: p.variant })));
  const hasLogic = rules.length > 0 || prerequisites.length > 0 || flag.schedule !== undefined;
  const served = (variant: string) => ({ flagKey: flag.key, value: values[variant]!, variant });
  const window = windowOf(flag.schedule);
  const results = {
    off: Object.freeze({ reason: 'DISABLED', cause: 'KILL_SWITCH', ...served(flag.offVariant) }),
    scheduledOff: Object.freeze({ reason: 'DISABLED', cause: 'SCHEDULE', ...served(flag.offVariant) }),
    fallthrough: Object.freeze({ reason: hasLogic ? 'DEFAULT' : 'STATIC', ...served(flag.defaultVariant) }),
  } as const;
  const program = flagProgram(rules.map((r, i) => ({ node: nodes[i]!, window: r.window, constant: r.constant, serve: r.serve })), results.fallthrough);
  // PERFORMANCE NOTE: what every evaluation reads comes first, so it shares the object's first cache line.
  return {
    direct: flag.enabled && window === null && prerequisites.length === 0,
    enabled: flag.enabled,
    window,
    prerequisites,
    program,
    results,
    key: flag.key,
    version: flag.version,
    doc: flag,
    rules,
    attributes: none([...attributes]),
    behavior: none([...attributes].flatMap((a) => parseBehaviorAttribute(a) ?? [])),
    experiments: none((flag.rules ?? []).flatMap((r) => ('rollout' in r.serve && r.serve.rollout.experiment ? [r.serve.rollout.experiment.id] : []))),
  };
}

/** Validates a flag and compiles it, or returns every error with its path. */
export function compileFlag(doc: unknown, options: CompileOptions = {}): CompileResult {
  const checked = checkFlagDocument(doc, options);
  if (!checked.ok) return { ok: false, errors: checked.errors };
  try {
    return { ok: true, flag: new Compilation(options).flag(checked.value, []) };
  } catch (error) {
    if (!(error instanceof CompileError)) throw error;
    return { ok: false, errors: [{ path: error.path, code: 'INVALID_VALUE', message: error.message }] };
  }
}
