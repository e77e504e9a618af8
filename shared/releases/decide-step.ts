// One check of one running plan, decided in pure code: given the plan, the minutes since its last
// check, the Monitoring guards' values, the flag's current version and weights, and the clock,
// say whether to start, hold, advance, complete, halt (with the rollback weights) or pause, with
// the evidence. The caller writes what it returns; the same inputs always give the same answer,
// so a run that dies before its write decides the same again from the same flag version.

import type { Decision, GuardEvidence, GuardState, PlanRecord } from './plan-record.ts';
import { MAX_DECISIONS } from './plan-record.ts';
import type { Weights } from './plan-schema.ts';
import { foldVariantGuard, initialState, judgeMonitoringGuard, judgeVariantGuard, type MinuteFigures } from './guard-check.ts';
import { sameWeights, withoutTreatment } from './weights.ts';
import { describeDecision } from './evidence-text.ts';

export type Observations = {
  readonly now: number;
  /** Complete minutes not yet folded (after `plan.foldedThrough`), oldest first. */
  readonly minutes: readonly MinuteFigures[];
  /** Each Monitoring guard's latest value; undefined when the series had no point. */
  readonly monitoring: Readonly<Record<string, number | undefined>>;
  /** The flag now: its version, the rule's split weights (undefined: rule or split gone), and what decides the plan's users (weights.ts `audienceOf`). */
  readonly flag: { readonly version: number; readonly weights: Weights | undefined; readonly audience?: string };
};

export type StepOutcome =
  /** Nothing to write to the flag: a hold (the plan's statistics moved) or a status change. */
  | { readonly kind: 'plan_only'; readonly plan: PlanRecord; readonly decision?: Decision }
  /** Weights to write to the flag, moving from `decision.fromFlagVersion`; `plan` assumes the write landed. */
  | { readonly kind: 'flag_write'; readonly plan: PlanRecord; readonly weights: Weights; readonly decision: Decision; readonly comment: string };

export const MINUTE_MS = 60_000;

/**
 * Someone wrote the flag since the plan did, changing nothing that decides the plan's users (a
 * new description, another tag, golden tests): the plan goes on from that version.
 */
function untouched(plan: PlanRecord, obs: Observations): boolean {
  if (plan.status !== 'running' || obs.flag.version === plan.flagVersion || !obs.flag.weights) return false;
  const expected = plan.step < 0 ? plan.initialWeights : plan.steps[plan.step]!.weights;
  return plan.audience !== undefined && plan.audience === obs.flag.audience && sameWeights(obs.flag.weights, expected);
}

export const releaseActor = (planId: string) => `release:${planId}`;

const iso = (ms: number) => new Date(ms).toISOString();

function recorded(plan: PlanRecord, decision: Decision, changes: Partial<PlanRecord>, now: number): PlanRecord {
  return { ...plan, ...changes, decisions: [...plan.decisions, decision].slice(-MAX_DECISIONS), updatedAt: iso(now) };
}

/** The per-variant guards share alpha (Bonferroni), so the plan's false-halt chance stays at most alpha. */
function alphaPerGuard(plan: PlanRecord): number {
  const n = plan.guards.filter((g) => g.kind !== 'monitoring').length;
  return n === 0 ? plan.alpha : plan.alpha / n;
}

function checkGuards(plan: PlanRecord, obs: Observations): { guardState: Record<string, GuardState>; evidence: GuardEvidence[] } {
  const guardState: Record<string, GuardState> = {};
  const evidence: GuardEvidence[] = [];
  const arms = { treatment: plan.treatment, control: plan.control };
  for (const guard of plan.guards) {
    const before = plan.guardState[guard.id] ?? initialState(guard);
    const judged = guard.kind === 'monitoring'
      ? judgeMonitoringGuard(guard, before, obs.monitoring[guard.id])
      : judgeVariantGuard(guard, foldVariantGuard(guard, before, obs.minutes, arms), alphaPerGuard(plan));
    guardState[guard.id] = judged.state;
    evidence.push(judged.evidence);
  }
  return { guardState, evidence };
}

export function decideStep(stored: PlanRecord, obs: Observations): StepOutcome {
  const plan = untouched(stored, obs) ? { ...stored, flagVersion: obs.flag.version } : stored;
  const actor = releaseActor(plan.id);
  const base = { at: iso(obs.now), actor, fromStep: plan.step, fromFlagVersion: plan.flagVersion };
  if (plan.status !== 'running') return { kind: 'plan_only', plan };

  // Someone else wrote the flag since the plan did: the plan steps aside rather than overwrite it.
  const expected = plan.step < 0 ? plan.initialWeights : plan.steps[plan.step]!.weights;
  if (obs.flag.version !== plan.flagVersion || !obs.flag.weights || !sameWeights(obs.flag.weights, expected)) {
    const reason = !obs.flag.weights
      ? `rule "${plan.ruleId}" no longer has a split; paused`
      : `the flag moved from version ${plan.flagVersion} to ${obs.flag.version} by another writer; paused until resumed`;
    const decision: Decision = { ...base, action: 'pause', toStep: plan.step, reason, evidence: [] };
    return { kind: 'plan_only', decision, plan: recorded(plan, decision, { status: 'paused', pauseReason: reason }, obs.now) };
  }

  if (plan.step < 0) return move(plan, obs, 'start', 0, plan.steps[0]!.weights, [], 'first step');

  const { guardState, evidence } = checkGuards(plan, obs);
  const stepStartMinute = Math.floor((plan.stepStartedAt ?? 0) / MINUTE_MS) * MINUTE_MS;
  const stepExposures = { ...plan.stepExposures };
  for (const m of obs.minutes) {
    if (m.minute < stepStartMinute) continue;
    stepExposures.treatment += m.exposures[plan.treatment] ?? 0;
    stepExposures.control += m.exposures[plan.control] ?? 0;
  }
  const foldedThrough = obs.minutes.length > 0 ? obs.minutes[obs.minutes.length - 1]!.minute : plan.foldedThrough;
  const checked: PlanRecord = { ...plan, guardState, stepExposures, foldedThrough, updatedAt: iso(obs.now) };

  const breached = evidence.filter((e) => e.verdict === 'breach');
  if (breached.length > 0) {
    const weights = plan.onBreach === 'zero' ? withoutTreatment(expected, plan.treatment, plan.control) : plan.step === 0 ? plan.initialWeights : plan.steps[plan.step - 1]!.weights;
    return move(checked, obs, 'halt', plan.step, weights, evidence, `guard ${breached.map((e) => `"${e.guard}"`).join(', ')} breached`);
  }

  const step = plan.steps[plan.step]!;
  const held = obs.now - (plan.stepStartedAt ?? obs.now) >= step.minHoldMinutes * MINUTE_MS;
  // An arm the step gives no weight (control at 100%) has no sample to wait for.
  const armSample = Math.min(...(['treatment', 'control'] as const).filter((arm) => (step.weights[plan[arm]] ?? 0) > 0).map((arm) => stepExposures[arm]));
  const sampled = armSample >= step.minSample;
  const blind = evidence.filter((e) => e.kind === 'monitoring' && e.verdict === 'insufficient');
  if (!held || !sampled || blind.length > 0) {
    const outcome = !held ? 'hold: minimum hold not reached' : !sampled ? `hold: ${armSample} of ${step.minSample} exposures per arm` : `hold: no data for ${blind.map((e) => e.guard).join(', ')}`;
    return { kind: 'plan_only', plan: { ...checked, lastCheck: { at: iso(obs.now), outcome, evidence } } };
  }
  if (plan.step === plan.steps.length - 1) {
    const decision: Decision = { ...base, action: 'complete', toStep: plan.step, reason: 'last step held with healthy guards', evidence };
    return { kind: 'plan_only', decision, plan: recorded(checked, decision, { status: 'completed', lastCheck: { at: iso(obs.now), outcome: 'completed', evidence } }, obs.now) };
  }
  return move(checked, obs, 'advance', plan.step + 1, plan.steps[plan.step + 1]!.weights, evidence, 'step held with healthy guards');
}

function move(plan: PlanRecord, obs: Observations, action: 'start' | 'advance' | 'halt', toStep: number, weights: Weights, evidence: GuardEvidence[], reason: string): StepOutcome {
  const toFlagVersion = plan.flagVersion + 1;
  const decision: Decision = { at: iso(obs.now), action, actor: releaseActor(plan.id), fromStep: plan.step, toStep, fromFlagVersion: plan.flagVersion, toFlagVersion, weights, reason, evidence };
  const next = recorded(plan, decision, {
    status: action === 'halt' ? 'halted' : 'running',
    step: toStep,
    stepStartedAt: obs.now,
    stepExposures: { treatment: 0, control: 0 },
    flagVersion: toFlagVersion,
    lastCheck: { at: iso(obs.now), outcome: action, evidence },
  }, obs.now);
  return { kind: 'flag_write', plan: next, weights, decision, comment: describeDecision(plan, decision) };
}

/** The plan paused by the run itself (a step it cannot take: golden tests fail), with the reason. */
export function pausedByRun(plan: PlanRecord, reason: string, now: number): PlanRecord {
  const decision: Decision = { at: iso(now), action: 'pause', actor: releaseActor(plan.id), fromStep: plan.step, toStep: plan.step, fromFlagVersion: plan.flagVersion, reason, evidence: [] };
  return recorded(plan, decision, { status: 'paused', pauseReason: reason }, now);
}
