// A plan's life outside the minute run, in pure code: creating it from a checked body and the flag
// it steers, and the human steering (pause, resume, abort). The minute run decides the rest.

import type { Flag } from '../rules/index.ts';
import type { Decision, PlanRecord } from './plan-record.ts';
import { MAX_DECISIONS } from './plan-record.ts';
import type { PlanInput, Weights } from './plan-schema.ts';
import { initialState } from './guard-check.ts';
import { audienceOf, sameWeights, splitWeights, weightsMismatch } from './weights.ts';

export type Refusal = { readonly ok: false; readonly status: 404 | 409 | 422; readonly path: string; readonly message: string };

const iso = (ms: number) => new Date(ms).toISOString();

/** The plan as first stored, or why the flag cannot carry it (422 with the body's path). */
export function newPlan(input: PlanInput, at: { id: string; environment: string; flag: Flag; flagVersion: number; actor: string; now: number }): { ok: true; plan: PlanRecord } | Refusal {
  const split = splitWeights(at.flag, input.ruleId);
  if (!split.ok) return { ok: false, status: 422, path: '/ruleId', message: split.problem };
  // Exposures are the flag's split evaluations per variant: a second split would mix into them.
  const splits = (at.flag.rules ?? []).filter((r) => 'rollout' in r.serve).map((r) => r.id);
  if (splits.length > 1) return { ok: false, status: 422, path: '/ruleId', message: `the flag has ${splits.length} rules with a split (${splits.join(', ')}); a plan needs its rule to be the only one, since its exposures are the flag's split evaluations` };
  for (const v of [input.control, input.treatment]) {
    if (!(v in split.weights)) return { ok: false, status: 422, path: v === input.control ? '/control' : '/treatment', message: `the split of rule "${input.ruleId}" has no variant "${v}"` };
  }
  for (const [i, step] of input.steps.entries()) {
    const mismatch = weightsMismatch(split.weights, step.weights);
    if (mismatch) return { ok: false, status: 422, path: `/steps/${i}/weights`, message: mismatch };
  }
  const plan: PlanRecord = {
    id: at.id, environment: at.environment, flag: at.flag.key, ruleId: input.ruleId, control: input.control, treatment: input.treatment,
    steps: input.steps, guards: input.guards, onBreach: input.onBreach, alpha: input.alpha, ...(input.comment === undefined ? {} : { comment: input.comment }),
    status: 'running', step: -1, stepStartedAt: null, flagVersion: at.flagVersion, audience: audienceOf(at.flag, input.ruleId), initialWeights: split.weights,
    foldedThrough: null, stepExposures: { treatment: 0, control: 0 },
    guardState: Object.fromEntries(input.guards.map((g) => [g.id, initialState(g)])),
    lastCheck: null, decisions: [], version: 1, createdAt: iso(at.now), createdBy: at.actor, updatedAt: iso(at.now),
  };
  return { ok: true, plan };
}

export const STEERS = ['pause', 'resume', 'abort'] as const;
export type Steer = (typeof STEERS)[number];

/**
 * Pause and abort stop the minute run from moving the flag (abort for good; the weights stay as
 * they are). Resume needs the rule's weights to be the current step's again: the plan then takes
 * the flag's version as its own and goes on from that step.
 */
export function steerPlan(plan: PlanRecord, steer: Steer, at: { actor: string; now: number; flag: { version: number; weights: Weights | undefined; audience?: string } | undefined }): { ok: true; plan: PlanRecord } | Refusal {
  const finished = plan.status === 'halted' || plan.status === 'completed' || plan.status === 'aborted';
  if (finished) return { ok: false, status: 409, path: '', message: `the plan is ${plan.status}; nothing to ${steer}` };
  const base = { at: iso(at.now), actor: at.actor, fromStep: plan.step, toStep: plan.step, fromFlagVersion: plan.flagVersion, evidence: [] };
  let decision: Decision;
  let changes: Partial<PlanRecord>;
  switch (steer) {
    case 'pause':
      if (plan.status === 'paused') return { ok: false, status: 409, path: '', message: 'the plan is paused already' };
      decision = { ...base, action: 'pause', reason: 'paused by hand' };
      changes = { status: 'paused', pauseReason: `paused by ${at.actor}` };
      break;
    case 'resume': {
      if (plan.status === 'running') return { ok: false, status: 409, path: '', message: 'the plan is running already' };
      if (!at.flag?.weights) return { ok: false, status: 409, path: '', message: `the flag's rule "${plan.ruleId}" has no split to resume` };
      const expected = plan.step < 0 ? plan.initialWeights : plan.steps[plan.step]!.weights;
      if (!sameWeights(at.flag.weights, expected)) return { ok: false, status: 409, path: '', message: `rule "${plan.ruleId}" no longer has the weights of step ${plan.step}; set them back (${JSON.stringify(expected)}) or abort the plan` };
      decision = { ...base, action: 'resume', reason: `resumed at flag version ${at.flag.version}` };
      // The hold restarts: what happened while paused is not evidence for this step.
      changes = { status: 'running', flagVersion: at.flag.version, ...(at.flag.audience === undefined ? {} : { audience: at.flag.audience }), stepStartedAt: plan.step < 0 ? null : at.now, stepExposures: { treatment: 0, control: 0 } };
      break;
    }
    case 'abort':
      decision = { ...base, action: 'abort', reason: 'aborted by hand' };
      changes = { status: 'aborted' };
      break;
  }
  const { pauseReason: _, ...rest } = plan;
  const kept = steer === 'pause' ? plan : rest;
  return { ok: true, plan: { ...kept, ...changes, decisions: [...plan.decisions, decision].slice(-MAX_DECISIONS), updatedAt: iso(at.now) } };
}
