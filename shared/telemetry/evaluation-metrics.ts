// Evaluation metrics from the evaluate function: one counter increment per evaluation (flag,
// variant, reason), the rule that served it, and experiment exposures. Only flag keys, variant
// names, rule ids and experiment ids are recorded: never context values or targeting keys.

import type { Evaluation } from '../rules/index.ts';
import type { MetricsRecorder } from './recorder.ts';

export type EvaluationObserver = (flag: string, result: Evaluation | undefined) => void;

/** Counts evaluations in one environment; `undefined` is a flag that was not found or is invalid. */
export function evaluationObserver(metrics: MetricsRecorder, environment: string): EvaluationObserver {
  // PERFORMANCE NOTE: most results are frozen and shared by the compiled flag, so their counters
  // are bound once per result and each evaluation costs one function call per counter.
  const bound = new WeakMap<object, readonly (() => void)[]>();
  const countersFor = (flag: string, result: Exclude<Evaluation, { reason: 'ERROR' }>): (() => void)[] => {
    const out = [metrics.counter('evaluations', { environment, flag, variant: result.variant, reason: result.reason })];
    if ('ruleId' in result) out.push(metrics.counter('rule_matches', { environment, flag, rule: result.ruleId }));
    if (result.reason === 'SPLIT' && result.experimentId !== undefined) out.push(metrics.counter('exposures', { environment, experiment: result.experimentId, variant: result.variant }));
    return out;
  };
  // Splits build a result per evaluation (the bucket differs): their counters are bound by flag,
  // then by the reason and rule, then by variant (the experiment follows from the rule).
  const unfrozen = new Map<string, Map<string, Map<string, readonly (() => void)[]>>>();
  const boundFor = (flag: string, result: Exclude<Evaluation, { reason: 'ERROR' }>): readonly (() => void)[] => {
    if (Object.isFrozen(result)) {
      let counters = bound.get(result);
      if (!counters) bound.set(result, (counters = countersFor(flag, result)));
      return counters;
    }
    let byRule = unfrozen.get(flag);
    if (!byRule) unfrozen.set(flag, (byRule = new Map()));
    const rule = result.reason === 'SPLIT' ? result.ruleId : `${result.reason}\u0000${'ruleId' in result ? result.ruleId : ''}`;
    let byVariant = byRule.get(rule);
    if (!byVariant) byRule.set(rule, (byVariant = new Map()));
    let counters = byVariant.get(result.variant);
    if (!counters) byVariant.set(result.variant, (counters = countersFor(flag, result)));
    return counters;
  };
  return (flag, result) => {
    if (result !== undefined && result.reason !== 'ERROR') {
      for (const increment of boundFor(flag, result)) increment();
      return;
    }
    metrics.count('evaluations', { environment, flag, variant: '', reason: 'ERROR' });
  };
}

const observers = new WeakMap<MetricsRecorder, Map<string, EvaluationObserver>>();

/** The same observer for the same recorder and environment, so a warm request allocates none. */
export function observerFor(metrics: MetricsRecorder, environment: string): EvaluationObserver {
  let byEnvironment = observers.get(metrics);
  if (!byEnvironment) observers.set(metrics, (byEnvironment = new Map()));
  let observer = byEnvironment.get(environment);
  if (!observer) byEnvironment.set(environment, (observer = evaluationObserver(metrics, environment)));
  return observer;
}
