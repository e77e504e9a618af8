// The always-valid tests behind per-variant guards. Checked every minute for as long as a plan
// runs, each keeps its false-alarm probability at most alpha over the whole run (Ville's
// inequality on a nonnegative supermartingale), so looking often costs nothing. README.md says
// which test, why, and where it comes from. Pure and deterministic: state in, state out.

/** Which way a change is harmful: `increase` for errors and latency, `decrease` for conversions. */
export type Direction = 'increase' | 'decrease';

/**
 * The alternatives of the rate test's mixture, as multiples of the null's ratio; equal weights.
 * A grid (not a continuous prior) keeps the statistic exact and its state a handful of numbers.
 */
export const RATE_MIXTURE = [1.1, 1.25, 1.5, 2, 3, 5] as const;

/** Running state of one rate guard: log-likelihood ratio per mixture component, and the totals. */
export type RateState = {
  readonly logLR: number[];
  readonly treatment: { readonly exposures: number; readonly events: number };
  readonly control: { readonly exposures: number; readonly events: number };
};

export const emptyRateState = (): RateState => ({ logLR: RATE_MIXTURE.map(() => 0), treatment: { exposures: 0, events: 0 }, control: { exposures: 0, events: 0 } });

/** One minute of one flag: exposures and events of the guard's event, per arm. */
export type ArmMinute = { readonly exposures: number; readonly events: number };

/** The ratio (harmful arm's rate over the other's) at the edge of what is tolerated. */
export function nullRatio(direction: Direction, tolerance: number): number {
  return direction === 'increase' ? 1 + tolerance : 1 / (1 - tolerance);
}

/**
 * Folds one minute into a rate guard. Given the minute's events of both arms, each event came from
 * the harmful arm with probability p(rho) = rho a / (rho a + b), where a and b are the arms'
 * exposures and rho the ratio of their rates (Poisson events per exposure). The likelihood ratio
 * of rho_j against the null's rho_0 multiplies up over minutes; exposures may change from minute
 * to minute (a plan's steps), which the conditioning absorbs exactly.
 */
export function foldRateMinute(state: RateState, minute: { treatment: ArmMinute; control: ArmMinute }, direction: Direction, tolerance: number): RateState {
  const harmful = direction === 'increase' ? minute.treatment : minute.control;
  const other = direction === 'increase' ? minute.control : minute.treatment;
  const totals = {
    treatment: { exposures: state.treatment.exposures + minute.treatment.exposures, events: state.treatment.events + minute.treatment.events },
    control: { exposures: state.control.exposures + minute.control.exposures, events: state.control.events + minute.control.events },
  };
  // A minute in which one arm had no exposures says nothing about their ratio.
  if (harmful.exposures <= 0 || other.exposures <= 0 || harmful.events + other.events === 0) return { ...state, ...totals };
  const rho0 = nullRatio(direction, tolerance);
  const p = (rho: number) => (rho * harmful.exposures) / (rho * harmful.exposures + other.exposures);
  const p0 = p(rho0);
  const logLR = state.logLR.map((l, j) => {
    const pj = p(rho0 * RATE_MIXTURE[j]!);
    return l + harmful.events * Math.log(pj / p0) + other.events * Math.log((1 - pj) / (1 - p0));
  });
  return { logLR, ...totals };
}

/** The mixture's likelihood ratio, in logs (log of the mean of exp(logLR))). */
export function rateMixtureLog(state: RateState): number {
  const max = Math.max(...state.logLR);
  const sum = state.logLR.reduce((s, l) => s + Math.exp(l - max), 0);
  return max + Math.log(sum / state.logLR.length);
}

/** Running sums of a mean guard per arm (of `value` over the guard's events). */
export type MomentState = { readonly n: number; readonly sum: number; readonly sumSq: number };
export type MeanState = { readonly treatment: MomentState; readonly control: MomentState; readonly tau?: number };

export const emptyMeanState = (): MeanState => ({ treatment: { n: 0, sum: 0, sumSq: 0 }, control: { n: 0, sum: 0, sumSq: 0 } });

export function foldMeanMinute(state: MeanState, minute: { treatment: MomentState; control: MomentState }): MeanState {
  const add = (a: MomentState, b: MomentState) => ({ n: a.n + b.n, sum: a.sum + b.sum, sumSq: a.sumSq + b.sumSq });
  return { ...state, treatment: add(state.treatment, minute.treatment), control: add(state.control, minute.control) };
}

/** Below this many values per arm the normal approximation is not trusted: no verdict. */
export const MEAN_MIN_PER_ARM = 30;

export type MeanStatistic = { readonly difference: number; readonly variance: number; readonly tau: number; readonly logLR: number };

/**
 * The normal-mixture SPRT (mSPRT) of Johari et al. on D = harmful mean - rho0 * other mean, which
 * is <= 0 under the null. With a N(0, tau^2) mixture over the effect, the likelihood ratio is
 * sqrt(V / (V + tau^2)) exp(tau^2 D^2 / (2 V (V + tau^2))). Only a harmful D (> 0) can breach.
 * Returns the statistic and the state with tau fixed (set once, from the first usable control mean).
 */
export function meanStatistic(state: MeanState, direction: Direction, tolerance: number): { statistic?: MeanStatistic; state: MeanState } {
  const { treatment: t, control: c } = state;
  if (t.n < MEAN_MIN_PER_ARM || c.n < MEAN_MIN_PER_ARM) return { state };
  const mean = (m: MomentState) => m.sum / m.n;
  const varOfMean = (m: MomentState) => Math.max(0, m.sumSq / m.n - mean(m) ** 2) * (m.n / (m.n - 1)) / m.n;
  // tau: the effect size worth finding, the tolerance's share of the control mean (floored, so a
  // zero mean still gives a usable mixture). Fixed once so later looks use the same mixture.
  const tau = state.tau ?? Math.max(Math.abs(mean(c)) * Math.max(tolerance, 0.05), 1e-9);
  const next = { ...state, tau };
  const factor = direction === 'increase' ? 1 + tolerance : 1 - tolerance;
  const difference = direction === 'increase' ? mean(t) - factor * mean(c) : factor * mean(c) - mean(t);
  const variance = varOfMean(t) + factor * factor * varOfMean(c);
  if (variance <= 0) return { state: next, statistic: { difference, variance, tau, logLR: difference > 0 ? Infinity : 0 } };
  const t2 = tau * tau;
  const logLR = 0.5 * Math.log(variance / (variance + t2)) + (t2 * difference * difference) / (2 * variance * (variance + t2));
  return { state: next, statistic: { difference, variance, tau, logLR } };
}
