// A preview trace laid over the rules it explains, pure. The preview API records, per rule it
// evaluated, the clauses it evaluated (each at its JSON Pointer in the flag, or in a segment) and
// the segments it entered; a clause absent from an evaluated rule was skipped by short-circuit
// (children of AND/OR run cheapest first and stop at the first decisive one), and every clause
// of a rule after the one that served was not reached. This rebuilds the rule's own AND / OR /
// NOT tree with each node's outcome, expands segments from their definitions, and adds the
// split (bucket, ranges, chosen variant), the prerequisites and the schedule.

import type { Condition } from '../../../../shared/rules/index.ts';
import { conditionWords, serveWords, valueWords } from './change-words.ts';
import { childrenOf, isGroup, isNot } from './rule-tree.ts';

/** true / false: evaluated with that result; skipped: not needed once a sibling decided; not-reached: its rule was never evaluated. */
export type Outcome = 'true' | 'false' | 'skipped' | 'not-reached';

export type TraceNode =
  | { readonly kind: 'group'; readonly op: 'all' | 'any'; readonly outcome: Outcome; readonly children: readonly TraceNode[] }
  | { readonly kind: 'not'; readonly outcome: Outcome; readonly child: TraceNode }
  | { readonly kind: 'clause'; readonly text: string; readonly outcome: Outcome; readonly seen?: string }
  | { readonly kind: 'segment'; readonly segment: string; readonly outcome: Outcome; readonly condition: TraceNode | null };

export type SplitTrace = { readonly by: string; readonly unit: string; readonly bucket: number; readonly ranges: readonly { readonly variant: string; readonly from: number; readonly to: number; readonly chosen: boolean }[]; readonly variant: string };

export type RuleExplanation = {
  readonly id: string;
  readonly index: number;
  readonly status: 'matched' | 'not matched' | 'not reached';
  readonly note?: string;
  /** null: the rule has no condition and matches everyone. */
  readonly condition: TraceNode | null;
  readonly serves: string;
  readonly split?: SplitTrace;
};

export type Explanation = {
  readonly schedule?: { readonly active: boolean };
  readonly prerequisites: readonly { readonly flag: string; readonly expected: string; readonly got: string | null; readonly passed: boolean }[];
  readonly rules: readonly RuleExplanation[];
};

type ClauseStep = { readonly kind: string; readonly path?: string | undefined; readonly segment?: string | undefined; readonly seen?: unknown; readonly result?: boolean | undefined };
/** The trace steps as the preview API answers them (checked loosely at the boundary). */
export type TraceStepInput = { readonly kind: string; readonly ruleId?: string | undefined; readonly index?: number | undefined; readonly matched?: boolean | undefined; readonly note?: string | undefined; readonly clauses?: readonly ClauseStep[] | undefined } & Readonly<Record<string, unknown>>;
type RuleInput = { readonly id: string; readonly when?: Condition | undefined; readonly serve?: unknown };

/** The steps one rule took: the flag's own by path, and those inside each segment reference (by the reference's path). */
type Evaluated = { readonly flag: ReadonlyMap<string, ClauseStep>; readonly inside: ReadonlyMap<string, ReadonlyMap<string, ClauseStep>> };

/** A step inside a segment: a clause under the segment holding it, a nested reference under its path. */
const insideKey = (kind: 'clause' | 'segment', scope: string, path: string) => (kind === 'segment' ? `segment ${path}` : `${scope} ${path}`);

function evaluatedOf(clauses: readonly ClauseStep[]): Evaluated {
  const flag = new Map<string, ClauseStep>();
  const inside = new Map<string, Map<string, ClauseStep>>();
  // A segment's steps follow the step that enters it: they belong to that reference.
  let reference: string | null = null;
  for (const step of clauses) {
    const path = step.path ?? '';
    if (path.startsWith('/rules/')) {
      flag.set(path, step);
      reference = step.kind === 'segment' ? path : null;
      if (reference !== null) inside.set(reference, new Map());
    } else if (reference !== null) {
      inside.get(reference)!.set(insideKey(step.kind === 'segment' ? 'segment' : 'clause', step.segment ?? '', path), step);
    }
  }
  return { flag, inside };
}

/** A group's outcome from its members': decided by the first decisive one, whatever the order. */
function combine(op: 'all' | 'any', outcomes: readonly Outcome[], absent: Outcome): Outcome {
  const decisive = op === 'all' ? 'false' : 'true';
  if (outcomes.includes(decisive)) return decisive;
  if (outcomes.length > 0 && outcomes.every((o) => o === (op === 'all' ? 'true' : 'false'))) return op === 'all' ? 'true' : 'false';
  // An empty group decides at once (AND true, OR false), when it is evaluated at all.
  if (outcomes.length === 0) return absent === 'not-reached' ? absent : op === 'all' ? 'true' : 'false';
  return absent;
}

const negate = (o: Outcome): Outcome => (o === 'true' ? 'false' : o === 'false' ? 'true' : o);

/** Segments inside segments are expanded this deep (definitions are validated acyclic; this only bounds the drawing). */
const MAX_SEGMENT_DEPTH = 8;

/** Where build is: in the flag (reference null) or inside the segment `scope`, entered through the flag's reference at `reference`. */
type BuildScope = { readonly evaluated: Evaluated; readonly reference: string | null; readonly scope: string | null; readonly absent: Outcome; readonly segments: SegmentLookup; readonly depth: number };

function stepAt(at: BuildScope, kind: 'clause' | 'segment', path: string): ClauseStep | undefined {
  if (at.scope === null) return at.evaluated.flag.get(path);
  return at.reference === null ? undefined : at.evaluated.inside.get(at.reference)?.get(insideKey(kind, at.scope, path));
}

function build(c: Condition, path: string, at: BuildScope): TraceNode {
  if (isGroup(c)) {
    const op = 'all' in c ? 'all' : 'any';
    const children = childrenOf(c).map((child, i) => build(child, `${path}/${op}/${i}`, at));
    return { kind: 'group', op, outcome: combine(op, children.map((n) => n.outcome), at.absent), children };
  }
  if (isNot(c)) {
    const child = build(c.not, `${path}/not`, at);
    return { kind: 'not', outcome: negate(child.outcome), child };
  }
  if ('segment' in c) {
    const step = stepAt(at, 'segment', path);
    const outcome: Outcome = step ? (step.result ? 'true' : 'false') : at.absent;
    const definition = at.depth < MAX_SEGMENT_DEPTH ? at.segments(c.segment) : undefined;
    // Inside a segment nothing evaluated means skipped (or not reached, as its reference).
    const inner: BuildScope = {
      ...at,
      reference: !step ? null : at.scope === null ? path : at.reference,
      scope: c.segment,
      absent: outcome === 'not-reached' ? 'not-reached' : 'skipped',
      depth: at.depth + 1,
    };
    return { kind: 'segment', segment: c.segment, outcome, condition: definition ? build(definition, '/when', inner) : null };
  }
  const step = stepAt(at, 'clause', path);
  return { kind: 'clause', text: conditionWords(c), outcome: step ? (step.result ? 'true' : 'false') : at.absent, ...(step && 'seen' in step ? { seen: valueWords(step.seen) } : {}) };
}

export type SegmentLookup = (key: string) => Condition | undefined;

/** The explanation of one previewed user's result, over the flag that was previewed. */
export function explainTrace(rules: readonly RuleInput[], steps: readonly TraceStepInput[], segments: SegmentLookup = () => undefined): Explanation {
  const ruleSteps = new Map(steps.filter((s) => s.kind === 'rule' && typeof s.ruleId === 'string').map((s) => [s.ruleId!, s]));
  const splits = new Map(steps.filter((s) => s.kind === 'split' && typeof s.ruleId === 'string').map((s) => [s.ruleId!, s]));
  const schedule = steps.find((s) => s.kind === 'schedule');
  return {
    ...(schedule ? { schedule: { active: schedule.active === true } } : {}),
    prerequisites: steps.filter((s) => s.kind === 'prerequisite').map((s) => ({ flag: String(s.flag), expected: String(s.expected), got: typeof s.got === 'string' ? s.got : null, passed: s.passed === true })),
    rules: rules.map((rule, index) => {
      const step = ruleSteps.get(rule.id);
      const at: BuildScope = { evaluated: evaluatedOf(step?.clauses ?? []), reference: null, scope: null, absent: step ? 'skipped' : 'not-reached', segments, depth: 0 };
      const condition = rule.when === undefined ? null : build(rule.when, `/rules/${index}/when`, at);
      const split = splits.get(rule.id);
      return {
        id: rule.id,
        index,
        status: !step ? 'not reached' : step.matched ? 'matched' : 'not matched',
        ...(step?.note ? { note: step.note } : {}),
        condition,
        serves: serveWords(rule.serve),
        ...(split ? { split: splitOf(split) } : {}),
      };
    }),
  };
}

function splitOf(step: TraceStepInput): SplitTrace {
  const variant = String(step.variant);
  const ranges = (Array.isArray(step.ranges) ? step.ranges : []) as { variant: string; from: number; to: number }[];
  const bucket = Number(step.bucket);
  return { by: String(step.by), unit: valueWords(step.unit), bucket, variant, ranges: ranges.map((r) => ({ ...r, chosen: bucket >= r.from && bucket < r.to })) };
}

/** A bucket or a range end (0 to 100,000 buckets) as a percentage: 42,137 -> "42.137%". */
export const bucketPercent = (n: number) => `${Number((n / 1000).toFixed(3))}%`;
