// compileFlag: validate once, then turn the flag into a program (and closures that explain it)
// with every constant pre-parsed, results that never change pre-built, and prerequisites and
// segments resolved.

import { issue, type Issue } from '../issues.ts';
import type { Evaluation, UnitMissing } from '../evaluation.ts';
import type { Condition, Flag, JsonValue, Segment } from '../schema.ts';
import { clausesOf, parseBehaviorAttribute, segmentRefs } from '../validate/conditions.ts';
import { checkFlagDocument } from '../validate/index.ts';
import { toEpochMs } from '../values.ts';
import { allOf, compileCondition, compiled, refused, type Compiled, type CompiledCondition, type CompiledSegment, type Explain } from './condition.ts';
import { conditionProgram, flagProgram, type Program, type ProgramNode, type Test } from './program.ts';
import { runCondition } from './run.ts';
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
  /** What the answer records when the rule's rollout finds no unit; null for a fixed variant. */
  readonly unitMissing: UnitMissing | null;
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
  readonly program: Program<Evaluation>;
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
  private readonly segments = new Map<string, Compiled<CompiledSegment>>();
  private readonly flags = new Map<string, CompiledFlag>();
  private readonly options: CompileOptions;

  constructor(options: CompileOptions) {
    this.options = options;
  }

  /** A segment compiled once, or the issues to report where it is named (their paths are the reference's). */
  segment(key: string, stack: readonly string[]): Compiled<CompiledSegment> {
    const known = this.segments.get(key);
    if (known) return known;
    const doc = this.options.segments && Object.hasOwn(this.options.segments, key) ? this.options.segments[key] : undefined;
    if (!doc) return refused([issue([], 'UNKNOWN_SEGMENT', `no segment "${key}" exists`)]);
    if (stack.includes(key)) return refused([issue([], 'SEGMENT_CYCLE', `segments form a cycle: ${[...stack, key].join(' -> ')}`)]);
    const condition = compileCondition(doc.when, ['when'], {
      resolveSegment: (k) => this.segment(k, [...stack, key]),
      isPrivate: () => false,
      segment: key,
    });
    const result: Compiled<CompiledSegment> = condition.ok
      ? compiled({ cost: condition.value.cost, explain: condition.value.explain, test: segmentTest(conditionProgram(condition.value.program)) })
      : refused(condition.errors.map((e) => ({ ...e, message: `segment "${key}" does not compile: ${e.path} ${e.message}` })));
    this.segments.set(key, result);
    return result;
  }

  flag(doc: Flag, stack: readonly string[]): Compiled<CompiledFlag> {
    const known = this.flags.get(doc.key);
    if (known) return compiled(known);
    const result = buildFlag(doc, this, stack);
    if (result.ok) this.flags.set(doc.key, result.value);
    return result;
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

  /** The prerequisite at `/prerequisites/<index>`, or every reason it cannot be compiled, at that path. */
  prerequisite(key: string, stack: readonly string[], index: number): Compiled<CompiledFlag> {
    const at = ['prerequisites', index, 'flag'];
    if (stack.includes(key)) return refused([issue(at, 'PREREQUISITE_CYCLE', `prerequisites form a cycle: ${[...stack, key].join(' -> ')}`)]);
    const doc = this.options.flags && Object.hasOwn(this.options.flags, key) ? this.options.flags[key] : undefined;
    if (!doc) return refused([issue(at, 'UNKNOWN_FLAG', `no flag "${key}" exists`)]);
    const checked = checkFlagDocument(doc, this.options);
    const result = checked.ok ? this.flag(checked.value, stack) : refused(checked.errors);
    return result.ok ? result : refused(result.errors.map((e) => issue(at, e.code, `flag "${key}" is invalid: ${e.path} ${e.message}`)));
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
    if (explain === undefined) {
      const condition = compileCondition(when, ['rules', index, 'when'], { resolveSegment: (k) => compilation.segment(k, []), isPrivate });
      // The same condition compiled without explanations when the flag was built: failing now is a bug.
      if (!condition.ok) throw new Error(`rule ${index} compiled once and not again: ${JSON.stringify(condition.errors)}`);
      explain = condition.value.explain;
    }
    return explain(context, now, out);
  };
}

/** Whether an attribute is private to the flag; made outside buildFlag to keep only the set. */
function privacyOf(privateAttributes: readonly string[] | undefined): (attr: string) => boolean {
  const set = new Set(privateAttributes ?? []);
  return (attr) => set.has(attr);
}

function segmentTest(program: Program<boolean>): Test {
  return (context, now) => runCondition(program, context, now);
}

function buildFlag(doc: Flag, compilation: Compilation, stack: readonly string[]): Compiled<CompiledFlag> {
  const flag = deepFreeze(doc);
  const values: Readonly<Record<string, JsonValue>> = flag.variants;
  const isPrivate = privacyOf(flag.privateAttributes);
  const here = [...stack, flag.key];
  const scope = { resolveSegment: (k: string) => compilation.segment(k, []), isPrivate, explain: false };
  const conditions = allOf((flag.rules ?? []).map((rule, index) => (rule.when ? compileCondition(rule.when, ['rules', index, 'when'], scope) : compiled<CompiledCondition | null>(null))));
  const required = allOf((flag.prerequisites ?? []).map((p, index) => compilation.prerequisite(p.flag, here, index)));
  if (!conditions.ok || !required.ok) return refused([...(conditions.ok ? [] : conditions.errors), ...(required.ok ? [] : required.errors)]);
  const attributes = new Set<string>();
  const nodes: (ProgramNode | null)[] = [];
  const rules = (flag.rules ?? []).map((rule, index): CompiledRule => {
    const when = rule.when;
    const condition = conditions.value[index];
    nodes.push(condition?.program ?? null);
    if (rule.when) compilation.attributesOf(rule.when, attributes);
    if ('rollout' in rule.serve) attributes.add(rule.serve.rollout.by);
    const { serve, constant } = compileServe(flag, rule, values, isPrivate);
    const explain = when ? explainLater(when, index, compilation, isPrivate) : null;
    const unitMissing = 'rollout' in rule.serve ? Object.freeze({ ruleId: rule.id, by: rule.serve.rollout.by }) : null;
    return { id: rule.id, index, condition: explain && { explain }, serve, constant, window: windowOf(rule.schedule), unitMissing };
  });
  const prerequisites = none((flag.prerequisites ?? []).map((p, index) => ({ flag: required.value[index]!, variant: p.variant })));
  const hasLogic = rules.length > 0 || prerequisites.length > 0 || flag.schedule !== undefined;
  const served = (variant: string) => ({ flagKey: flag.key, value: values[variant]!, variant });
  const window = windowOf(flag.schedule);
  const results = {
    off: Object.freeze({ reason: 'DISABLED', cause: 'KILL_SWITCH', ...served(flag.offVariant) }),
    scheduledOff: Object.freeze({ reason: 'DISABLED', cause: 'SCHEDULE', ...served(flag.offVariant) }),
    fallthrough: Object.freeze({ reason: hasLogic ? 'DEFAULT' : 'STATIC', ...served(flag.defaultVariant) }),
  } as const;
  const program = flagProgram(rules.map((r, i) => ({ node: nodes[i]!, window: r.window, constant: r.constant, serve: r.serve, unitMissing: r.unitMissing })), results.fallthrough);
  // PERFORMANCE NOTE: what every evaluation reads comes first, so it shares the object's first cache line.
  return compiled({
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
  });
}

/** Validates a flag and compiles it, or returns every error with its path. */
export function compileFlag(doc: unknown, options: CompileOptions = {}): CompileResult {
  const checked = checkFlagDocument(doc, options);
  if (!checked.ok) return { ok: false, errors: checked.errors };
  const result = new Compilation(options).flag(checked.value, []);
  return result.ok ? { ok: true, flag: result.value } : { ok: false, errors: result.errors };
}
