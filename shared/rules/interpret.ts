// The reference interpreter: the rule language read literally, clause by clause in document
// order, with every operand parsed on each use. Slow on purpose and small, so it can be trusted;
// property tests hold the compiler to it.

import { readAttribute } from './attributes.ts';
import { bucketFor } from './bucketing.ts';
import type { ClauseTrace, Evaluation, EvaluateOptions, SegmentTrace, TraceStep, UnitMissing } from './evaluation.ts';
import { REDACTED } from './evaluation.ts';
import { pointer, type PathSegment } from './issues.ts';
import { compilePattern } from './regex.ts';
import { FlagSchema, type Clause, type Condition, type Context, type Flag, type FlagInput, type Segment } from './schema.ts';
import { inWindow, localClockFor, parseRelative } from './time.ts';
import { unreachable } from './unreachable.ts';
import { checkFlagDocument } from './validate/index.ts';
import { fold, haversineKm, isMissing, parseSemver, scalarEquals, toEpochMs, toLatLon, toNumber, toUnit, type Scalar } from './values.ts';

export type InterpretOptions = EvaluateOptions & {
  readonly segments?: Readonly<Record<string, Segment>>;
  readonly flags?: Readonly<Record<string, Flag | FlagInput>>;
};

type Scope = { readonly context: Context; readonly now: number; readonly options: InterpretOptions; readonly flag: Flag; readonly sink: (ClauseTrace | SegmentTrace)[] | null; readonly segment?: string };

function instant(operand: unknown, now: number): number {
  if (typeof operand === 'string') {
    const offset = parseRelative(operand);
    if (offset !== undefined) return now + offset;
  }
  return toEpochMs(operand)!;
}

function semverCompare(value: unknown, operand: unknown): number | undefined {
  const a = parseSemver(value);
  return a === undefined ? undefined : a.compare(parseSemver(operand)!);
}

/** One operator, applied literally to the attribute's value. */
export function applyOperator(clause: Clause, value: unknown, now: number): boolean {
  const ci = clause.caseInsensitive ?? false;
  const operand = clause.value;
  const text = (test: (a: string, o: string) => boolean) => typeof value === 'string' && test(fold(value, ci), fold(operand as string, ci));
  const number = (test: (n: number) => boolean) => {
    const n = toNumber(value);
    return n !== undefined && test(n);
  };
  const semver = (test: (c: number) => boolean) => {
    const c = semverCompare(value, operand);
    return c !== undefined && test(c);
  };
  const list = operand as Scalar[];
  switch (clause.op) {
    case 'eq': return scalarEquals(operand as Scalar, value, ci);
    case 'in': return list.some((o) => scalarEquals(o, value, ci));
    case 'contains': return text((a, o) => a.includes(o));
    case 'starts_with': return text((a, o) => a.startsWith(o));
    case 'ends_with': return text((a, o) => a.endsWith(o));
    case 'matches': {
      const compiled = compilePattern(operand as string, ci);
      return compiled.ok && typeof value === 'string' && compiled.pattern.test(value);
    }
    case 'gt': return number((n) => n > (operand as number));
    case 'gte': return number((n) => n >= (operand as number));
    case 'lt': return number((n) => n < (operand as number));
    case 'lte': return number((n) => n <= (operand as number));
    case 'between': return number((n) => n >= (list[0] as number) && n <= (list[1] as number));
    case 'before': return toEpochMs(value) !== undefined && toEpochMs(value)! < instant(operand, now);
    case 'after': return toEpochMs(value) !== undefined && toEpochMs(value)! > instant(operand, now);
    case 'between_dates': {
      const t = toEpochMs(value);
      return t !== undefined && t >= instant(list[0], now) && t <= instant(list[1], now);
    }
    case 'time_window': {
      const w = operand as { days?: string[]; from: string; to: string; tz: string };
      const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
      const days = w.days ? new Set(w.days.map((d) => ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'].indexOf(d))) : null;
      return inWindow({ days, from: minutes(w.from), to: minutes(w.to) }, localClockFor(w.tz)(now));
    }
    case 'semver_eq': return semver((c) => c === 0);
    case 'semver_gt': return semver((c) => c > 0);
    case 'semver_gte': return semver((c) => c >= 0);
    case 'semver_lt': return semver((c) => c < 0);
    case 'semver_lte': return semver((c) => c <= 0);
    case 'semver_between': {
      const v = parseSemver(value);
      return v !== undefined && v.compare(parseSemver(list[0])!) >= 0 && v.compare(parseSemver(list[1])!) <= 0;
    }
    case 'contains_all': return Array.isArray(value) && list.every((o) => value.some((e) => scalarEquals(o, e, ci)));
    case 'contains_any': return Array.isArray(value) && value.some((e) => list.some((o) => scalarEquals(o, e, ci)));
    case 'size_eq': return Array.isArray(value) && value.length === operand;
    case 'size_gt': return Array.isArray(value) && value.length > (operand as number);
    case 'size_lt': return Array.isArray(value) && value.length < (operand as number);
    case 'exists': return !isMissing(value);
    case 'within_radius': {
      const p = toLatLon(value);
      const g = operand as { lat: number; lon: number; km: number };
      return p !== undefined && haversineKm(p.lat, p.lon, g.lat, g.lon) <= g.km;
    }
    case 'in_rollout': {
      const unit = toUnit(value);
      const r = operand as { salt: string; percent: number };
      return unit !== undefined && bucketFor(r.salt, unit) < Math.round(r.percent * 1000);
    }
    case 'neq': return !applyOperator({ ...clause, op: 'eq' }, value, now);
    case 'not_in': return !applyOperator({ ...clause, op: 'in' }, value, now);
    case 'not_contains': return !applyOperator({ ...clause, op: 'contains' }, value, now);
    case 'contains_none': return !applyOperator({ ...clause, op: 'contains_any' }, value, now);
    case 'not_exists': return !applyOperator({ ...clause, op: 'exists' }, value, now);
    default: return unreachable(clause.op);
  }
}

function holds(condition: Condition, at: readonly PathSegment[], scope: Scope, segments: readonly string[]): boolean {
  if ('all' in condition) return condition.all.every((c, i) => holds(c, [...at, 'all', i], scope, segments));
  if ('any' in condition) return condition.any.some((c, i) => holds(c, [...at, 'any', i], scope, segments));
  if ('not' in condition) return !holds(condition.not, [...at, 'not'], scope, segments);
  if ('segment' in condition) {
    const doc = scope.options.segments?.[condition.segment];
    if (!doc || segments.includes(condition.segment)) throw new Error(`segment "${condition.segment}" cannot be resolved`);
    const entry: SegmentTrace = { kind: 'segment', path: pointer(at), segment: condition.segment, result: false };
    const index = scope.sink ? scope.sink.push(entry) - 1 : -1;
    const result = holds(doc.when, ['when'], { ...scope, segment: condition.segment }, [...segments, condition.segment]);
    if (scope.sink) scope.sink[index] = { ...entry, result };
    return result;
  }
  const value = condition.attr === undefined ? undefined : readAttribute(scope.context, condition.attr);
  const result = applyOperator(condition, value, scope.now);
  if (scope.sink) {
    const redact = condition.attr !== undefined && (scope.flag.privateAttributes ?? []).includes(condition.attr);
    scope.sink.push({
      kind: 'clause',
      path: pointer(at),
      ...(scope.segment ? { segment: scope.segment } : {}),
      ...(condition.attr === undefined ? {} : { attr: condition.attr, seen: redact && value !== undefined ? REDACTED : value }),
      op: condition.op,
      ...(condition.value === undefined ? {} : { operand: condition.value }),
      result,
    });
  }
  return result;
}

function within(schedule: { from?: string | number; until?: string | number } | undefined, now: number): boolean {
  if (!schedule) return true;
  return (schedule.from === undefined || now >= toEpochMs(schedule.from)!) && (schedule.until === undefined || now < toEpochMs(schedule.until)!);
}

function interpretFlag(flag: Flag, context: Context, now: number, options: InterpretOptions, steps: TraceStep[] | null, path: readonly string[]): Evaluation {
  const serve = (variant: string) => ({ flagKey: flag.key, value: flag.variants[variant]!, variant });
  if (!flag.enabled) return { reason: 'DISABLED', cause: 'KILL_SWITCH', ...serve(flag.offVariant) };
  if (flag.schedule) {
    const on = within(flag.schedule, now);
    steps?.push({ kind: 'schedule', path: '/schedule', active: on });
    if (!on) return { reason: 'DISABLED', cause: 'SCHEDULE', ...serve(flag.offVariant) };
  }
  for (const { flag: key, variant } of flag.prerequisites ?? []) {
    const doc = options.flags?.[key];
    const result = doc && !path.includes(key) ? interpretFlag(FlagSchema.parse(doc), context, now, options, null, [...path, key]) : null;
    const got = result === null || result.reason === 'ERROR' ? null : result.variant;
    steps?.push({ kind: 'prerequisite', flag: key, expected: variant, got, passed: got === variant });
    if (got !== variant) return { reason: 'DISABLED', cause: 'PREREQUISITE', prerequisite: { flag: key, expected: variant, got }, ...serve(flag.offVariant) };
  }
  const rules = flag.rules ?? [];
  const missing: UnitMissing[] = [];
  for (const [index, rule] of rules.entries()) {
    if (!within(rule.schedule, now)) {
      steps?.push({ kind: 'rule', ruleId: rule.id, index, matched: false, note: 'outside its schedule', clauses: [] });
      continue;
    }
    const sink: (ClauseTrace | SegmentTrace)[] | null = steps ? [] : null;
    const matched = rule.when === undefined || holds(rule.when, ['rules', index, 'when'], { context, now, options, flag, sink }, []);
    if ('variant' in rule.serve) {
      steps?.push({ kind: 'rule', ruleId: rule.id, index, matched, clauses: sink! });
      if (matched) return { reason: 'TARGETING_MATCH', ruleId: rule.id, ...serve(rule.serve.variant) };
      continue;
    }
    const rollout = rule.serve.rollout;
    const unit = matched ? toUnit(readAttribute(context, rollout.by)) : undefined;
    if (matched && unit === undefined && rollout.whenUnitMissing === 'first_variant') {
      steps?.push({ kind: 'rule', ruleId: rule.id, index, matched, clauses: sink! });
      return { reason: 'TARGETING_MATCH', ruleId: rule.id, ...serve(rollout.split[0]!.variant) };
    }
    if (matched && unit === undefined) missing.push({ ruleId: rule.id, by: rollout.by });
    if (!matched || unit === undefined) {
      steps?.push({ kind: 'rule', ruleId: rule.id, index, matched: false, ...(matched ? { note: 'no unit to bucket: the rollout attribute is missing' } : {}), clauses: sink! });
      continue;
    }
    steps?.push({ kind: 'rule', ruleId: rule.id, index, matched, clauses: sink! });
    const salt = rollout.salt ?? flag.key;
    const bucket = bucketFor(salt, unit);
    let upper = 0;
    const ranges = rollout.split.map(({ variant, weight }) => {
      const from = upper;
      upper += Math.round(weight * 1000);
      return { variant, from, to: upper };
    });
    const chosen = ranges.find((r) => bucket < r.to && r.to > r.from) ?? ranges.filter((r) => r.to > r.from).at(-1)!;
    const redact = (flag.privateAttributes ?? []).includes(rollout.by);
    steps?.push({ kind: 'split', ruleId: rule.id, by: rollout.by, unit: redact ? REDACTED : unit, salt, bucket, ranges: ranges.filter((r) => r.to > r.from), variant: chosen.variant });
    const split = { reason: 'SPLIT', ruleId: rule.id, bucket, ...serve(chosen.variant) } as const;
    return rollout.experiment ? { ...split, experimentId: rollout.experiment.id } : split;
  }
  const dynamic = rules.length > 0 || (flag.prerequisites ?? []).length > 0 || flag.schedule !== undefined;
  if (!dynamic) return { reason: 'STATIC', ...serve(flag.defaultVariant) };
  return missing.length === 0 ? { reason: 'DEFAULT', ...serve(flag.defaultVariant) } : { reason: 'DEFAULT', ...serve(flag.defaultVariant), unitMissing: missing };
}

/** Evaluates a flag document directly, without compiling it. Never throws. */
export function interpret(doc: Flag | FlagInput, context: unknown, options: InterpretOptions): Evaluation {
  // Validated as compileFlag validates, so a flag the compiler refuses is never half-evaluated here.
  const references = { ...(options.segments ? { segments: options.segments } : {}), ...(options.flags ? { flags: options.flags as Readonly<Record<string, Flag>> } : {}) };
  const parsed = checkFlagDocument(doc, references);
  const key = typeof (doc as { key?: unknown })?.key === 'string' ? (doc as { key: string }).key : '';
  if (!parsed.ok) return { reason: 'ERROR', flagKey: key, errorCode: 'PARSE_ERROR', errorMessage: 'the flag document is not valid' };
  const now = typeof options.now === 'number' ? options.now : options.now.getTime();
  if (typeof context !== 'object' || context === null || Array.isArray(context)) {
    return { reason: 'ERROR', flagKey: key, errorCode: 'INVALID_CONTEXT', errorMessage: 'the context must be a JSON object' };
  }
  if (!Number.isFinite(now)) return { reason: 'ERROR', flagKey: key, errorCode: 'GENERAL', errorMessage: '"now" must be a valid instant' };
  try {
    const steps: TraceStep[] | null = options.trace ? [] : null;
    const result = interpretFlag(parsed.value, context as Context, now, options, steps, [parsed.value.key]);
    return steps ? { ...result, trace: steps } : result;
  } catch (error) {
    return { reason: 'ERROR', flagKey: key, errorCode: 'GENERAL', errorMessage: error instanceof Error ? error.message : String(error) };
  }
}
