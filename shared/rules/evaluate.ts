// evaluate: the hot path. Never throws; constant outcomes are pre-built results, and the traced
// path is a separate walk so the untraced one pays nothing for it.

import type { CompiledFlag, Visited } from './compile/flag.ts';
import type { TraceSink } from './compile/condition.ts';
import { runFlag, withUnitMissing } from './compile/run.ts';
import type { Evaluation, EvaluateOptions, TraceStep, UnitMissing } from './evaluation.ts';
import type { Context } from './schema.ts';

function onPath(visited: Visited, key: string): boolean {
  for (let v = visited; v !== null; v = v.next) if (v.key === key) return true;
  return false;
}

function active(window: { from: number; until: number }, now: number): boolean {
  return now >= window.from && now < window.until;
}

function run(flag: CompiledFlag, context: Context, now: number, steps: TraceStep[] | null, visited: Visited): Evaluation {
  if (!flag.enabled) return flag.results.off;
  if (flag.window !== null) {
    const on = active(flag.window, now);
    steps?.push({ kind: 'schedule', path: '/schedule', active: on });
    if (!on) return flag.results.scheduledOff;
  }
  if (flag.prerequisites.length > 0) {
    const path: Visited = { key: flag.key, next: visited };
    for (const { flag: prerequisite, variant } of flag.prerequisites) {
      const result = onPath(path, prerequisite.key) ? null : run(prerequisite, context, now, null, path);
      const got = result === null || result.reason === 'ERROR' ? null : result.variant;
      const passed = got === variant;
      steps?.push({ kind: 'prerequisite', flag: prerequisite.key, expected: variant, got, passed });
      if (!passed) {
        const off = flag.results.off as Extract<Evaluation, { reason: 'DISABLED' }>;
        return { reason: 'DISABLED', cause: 'PREREQUISITE', prerequisite: { flag: prerequisite.key, expected: variant, got }, flagKey: off.flagKey, value: off.value, variant: off.variant };
      }
    }
  }
  return steps === null ? runFlag(flag.program, context, now) : explainRules(flag, context, now, steps);
}

/** The rules walked one by one, each recording its clauses: the traced twin of the program. */
function explainRules(flag: CompiledFlag, context: Context, now: number, steps: TraceStep[]): Evaluation {
  const missing: UnitMissing[] = [];
  for (const rule of flag.rules) {
    if (rule.window !== null && !active(rule.window, now)) {
      steps.push({ kind: 'rule', ruleId: rule.id, index: rule.index, matched: false, note: 'outside its schedule', clauses: [] });
      continue;
    }
    const clauses: TraceSink = [];
    const matched = rule.condition === null || rule.condition.explain(context, now, clauses);
    steps.push({ kind: 'rule', ruleId: rule.id, index: rule.index, matched, clauses });
    if (!matched) continue;
    const served = rule.serve(context, steps);
    if (served !== null) return served;
    const last = steps.findLastIndex((s) => s.kind === 'rule');
    steps[last] = { ...(steps[last] as Extract<TraceStep, { kind: 'rule' }>), matched: false, note: 'no unit to bucket: the rollout attribute is missing' };
    if (rule.unitMissing !== null) missing.push(rule.unitMissing);
  }
  return missing.length === 0 ? flag.results.fallthrough : withUnitMissing(flag.results.fallthrough, missing);
}

function isContext(value: unknown): value is Context {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Evaluates a compiled flag for one context at `now`. Never throws. */
export function evaluate(flag: CompiledFlag, context: unknown, options: EvaluateOptions): Evaluation {
  const now = typeof options.now === 'number' ? options.now : options.now.getTime();
  if (!isContext(context)) {
    return { reason: 'ERROR', flagKey: flag.key, errorCode: 'INVALID_CONTEXT', errorMessage: 'the context must be a JSON object' };
  }
  if (!Number.isFinite(now)) {
    return { reason: 'ERROR', flagKey: flag.key, errorCode: 'GENERAL', errorMessage: '"now" must be a valid instant' };
  }
  try {
    if (options.trace !== true) return flag.direct ? runFlag(flag.program, context, now) : run(flag, context, now, null, null);
    const steps: TraceStep[] = [];
    const result = run(flag, context, now, steps, null);
    return { ...result, trace: steps };
  } catch (error) {
    return { reason: 'ERROR', flagKey: flag.key, errorCode: 'GENERAL', errorMessage: error instanceof Error ? error.message : String(error) };
  }
}
