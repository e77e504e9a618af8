// Each guard's figures and verdict for one check: the per-variant guards fold the new minutes
// into their always-valid statistics (sequential-test.ts), the Monitoring guards compare the
// latest value with their threshold. Pure.

import type { Guard, MonitoringGuard, VariantGuard } from './plan-schema.ts';
import type { GuardEvidence, GuardState } from './plan-record.ts';
import { emptyMeanState, emptyRateState, foldMeanMinute, foldRateMinute, meanStatistic, nullRatio, rateMixtureLog } from './sequential-test.ts';

export type Moments = { readonly count: number; readonly sum: number; readonly sumSq: number };

/** What one flag did in one minute: split exposures per variant, tracked events per event and variant, and the moments of their values. */
export type MinuteFigures = {
  readonly minute: number;
  readonly exposures: Readonly<Record<string, number>>;
  readonly events: Readonly<Record<string, Readonly<Record<string, number>>>>;
  readonly values: Readonly<Record<string, Readonly<Record<string, Moments>>>>;
};

export type Arms = { readonly treatment: string; readonly control: string };

const round = (x: number, digits = 6) => (Number.isFinite(x) ? Number(x.toPrecision(digits)) : x > 0 ? 'inf' : x < 0 ? '-inf' : 'nan');

export function initialState(guard: Guard): GuardState {
  switch (guard.kind) {
    case 'rate': return { kind: 'rate', ...emptyRateState() };
    case 'mean': return { kind: 'mean', ...emptyMeanState() };
    case 'monitoring': return { kind: 'monitoring', consecutive: 0, last: null };
  }
}

/** Folds minutes into a per-variant guard's state. */
export function foldVariantGuard(guard: VariantGuard, state: GuardState, minutes: readonly MinuteFigures[], arms: Arms): GuardState {
  let s = state.kind === guard.kind ? state : initialState(guard);
  for (const m of minutes) {
    if (s.kind === 'rate') {
      const arm = (variant: string) => ({ exposures: m.exposures[variant] ?? 0, events: m.events[guard.event]?.[variant] ?? 0 });
      s = { kind: 'rate', ...foldRateMinute(s, { treatment: arm(arms.treatment), control: arm(arms.control) }, guard.direction, guard.tolerance) };
    } else if (s.kind === 'mean') {
      const arm = (variant: string) => {
        const v = m.values[guard.event]?.[variant];
        return { n: v?.count ?? 0, sum: v?.sum ?? 0, sumSq: v?.sumSq ?? 0 };
      };
      s = { kind: 'mean', ...foldMeanMinute(s, { treatment: arm(arms.treatment), control: arm(arms.control) }) };
    }
  }
  return s;
}

/** A per-variant guard's verdict: breach once the statistic reaches log(1 / alpha). */
export function judgeVariantGuard(guard: VariantGuard, state: GuardState, alpha: number): { state: GuardState; evidence: GuardEvidence } {
  const threshold = Math.log(1 / alpha);
  if (state.kind === 'rate') {
    const { treatment: t, control: c } = state;
    const rate = (a: { exposures: number; events: number }) => (a.exposures > 0 ? a.events / a.exposures : null);
    const rt = rate(t);
    const rc = rate(c);
    const logLR = rateMixtureLog(state);
    const verdict = logLR >= threshold ? 'breach' : t.events + c.events === 0 ? 'insufficient' : 'ok';
    const figures = {
      event: guard.event, direction: guard.direction, tolerance: guard.tolerance,
      treatmentExposures: t.exposures, treatmentEvents: t.events, treatmentRate: rt === null ? null : round(rt),
      controlExposures: c.exposures, controlEvents: c.events, controlRate: rc === null ? null : round(rc),
      ratio: rt !== null && rc !== null && rc > 0 ? round(rt / rc) : null,
      nullRatio: round(nullRatio(guard.direction, guard.tolerance)),
      logLikelihoodRatio: round(logLR), threshold: round(threshold), alpha: round(alpha),
    };
    return { state, evidence: { guard: guard.id, kind: 'rate', verdict, figures } };
  }
  if (state.kind !== 'mean') throw new Error(`guard ${guard.id} holds a ${state.kind} state`);
  const { statistic, state: next } = meanStatistic(state, guard.direction, guard.tolerance);
  const mean = (m: { n: number; sum: number }) => (m.n > 0 ? round(m.sum / m.n) : null);
  const figures = {
    event: guard.event, direction: guard.direction, tolerance: guard.tolerance,
    treatmentCount: state.treatment.n, treatmentMean: mean(state.treatment),
    controlCount: state.control.n, controlMean: mean(state.control),
    difference: statistic ? round(statistic.difference) : null, tau: statistic ? round(statistic.tau) : null,
    logLikelihoodRatio: statistic ? round(statistic.logLR) : null, threshold: round(threshold), alpha: round(alpha),
  };
  const verdict = !statistic ? 'insufficient' : statistic.difference > 0 && statistic.logLR >= threshold ? 'breach' : 'ok';
  return { state: { ...next, kind: 'mean' }, evidence: { guard: guard.id, kind: 'mean', verdict, figures } };
}

/** A Monitoring guard: breach after `forMinutes` consecutive checks beyond the threshold; no data is insufficient. */
export function judgeMonitoringGuard(guard: MonitoringGuard, state: GuardState, value: number | undefined): { state: GuardState; evidence: GuardEvidence } {
  const previous = state.kind === 'monitoring' ? state.consecutive : 0;
  const beyond = value !== undefined && (guard.breachWhen === 'above' ? value > guard.threshold : value < guard.threshold);
  const consecutive = value === undefined ? previous : beyond ? previous + 1 : 0;
  const verdict = value === undefined ? 'insufficient' : consecutive >= guard.forMinutes ? 'breach' : 'ok';
  const figures = { query: guard.filter ?? guard.promql ?? '', value: value === undefined ? null : round(value), threshold: guard.threshold, breachWhen: guard.breachWhen, consecutive, forMinutes: guard.forMinutes };
  return { state: { kind: 'monitoring', consecutive, last: value ?? null }, evidence: { guard: guard.id, kind: 'monitoring', verdict, figures } };
}
