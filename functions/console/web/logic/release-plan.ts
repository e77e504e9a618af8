// The plan editor's form and the body it sends (pure): which rules may carry a plan, a default
// ramp, the form turned into `POST .../releases`, and an API problem's paths placed at the form's
// fields. Percentages and tolerances are what people type; the API takes weights and fractions.

import type { DraftFlag } from './flag-draft.ts';
import type { Issue } from './problems.ts';

export type SplitRule = { readonly id: string; readonly variants: readonly string[]; readonly weights: Readonly<Record<string, number>> };

export type StepForm = { readonly percent: string; readonly minHoldMinutes: string; readonly minSample: string };
export type GuardKind = 'rate' | 'mean' | 'monitoring';
export type GuardForm = {
  readonly kind: GuardKind;
  readonly id: string;
  /** rate and mean: the tracked event's name, the harmful direction and the tolerated change in percent. */
  readonly event: string;
  readonly direction: 'increase' | 'decrease';
  readonly tolerancePercent: string;
  /** monitoring: a Cloud Monitoring filter, the threshold, its side and for how many minutes. */
  readonly filter: string;
  readonly threshold: string;
  readonly breachWhen: 'above' | 'below';
  readonly forMinutes: string;
};
export type PlanForm = {
  readonly ruleId: string;
  readonly treatment: string;
  readonly control: string;
  readonly steps: readonly StepForm[];
  readonly guards: readonly GuardForm[];
  readonly onBreach: 'previous' | 'zero';
  readonly comment: string;
};

/** The rules whose serve is a split of two variants or more: the only ones a plan can move. */
export function splitRules(flag: DraftFlag): SplitRule[] {
  const found: SplitRule[] = [];
  for (const rule of flag.rules ?? []) {
    if (!('rollout' in rule.serve)) continue;
    const split = rule.serve.rollout.split;
    if (split.length < 2) continue;
    found.push({ id: rule.id, variants: split.map((s) => s.variant), weights: Object.fromEntries(split.map((s) => [s.variant, s.weight])) });
  }
  return found;
}

/** The usual ramp: 1% → 5% → 25% → 50% → 100%, ten minutes and 1,000 exposures per arm each. */
export const DEFAULT_RAMP = [1, 5, 25, 50, 100] as const;

export const newStep = (percent: number): StepForm => ({ percent: String(percent), minHoldMinutes: '10', minSample: '1000' });

export function newGuard(kind: GuardKind, taken: readonly string[]): GuardForm {
  const stem = kind === 'monitoring' ? 'metric' : kind === 'mean' ? 'latency' : 'errors';
  let id = stem;
  for (let n = 2; taken.includes(id); n++) id = `${stem}-${n}`;
  return { kind, id, event: kind === 'mean' ? 'latency' : kind === 'rate' ? 'error' : '', direction: 'increase', tolerancePercent: '10', filter: '', threshold: '', breachWhen: 'above', forMinutes: '2' };
}

/** A new form for a rule: the first variant is the treatment (a growing share takes users from the second). */
export function defaultPlanForm(rule: SplitRule): PlanForm {
  return { ruleId: rule.id, treatment: rule.variants[0]!, control: rule.variants[1]!, steps: DEFAULT_RAMP.map(newStep), guards: [newGuard('rate', [])], onBreach: 'previous', comment: '' };
}

/** A number field as typed: a number when it reads as one, else the text, so the API names the field. */
function numeric(text: string): number | string {
  const trimmed = text.trim();
  const n = Number(trimmed);
  return trimmed !== '' && Number.isFinite(n) ? n : text;
}

/** Percent to the API's fraction, rounded off float noise (10 → 0.1). */
function fraction(text: string): number | string {
  const n = numeric(text);
  return typeof n === 'number' ? Math.round(n * 1e6) / 1e8 : n;
}

function guardBody(g: GuardForm): Record<string, unknown> {
  if (g.kind === 'monitoring') return { id: g.id, kind: g.kind, filter: g.filter, threshold: numeric(g.threshold), breachWhen: g.breachWhen, forMinutes: numeric(g.forMinutes) };
  return { id: g.id, kind: g.kind, event: g.event.trim(), direction: g.direction, tolerance: fraction(g.tolerancePercent) };
}

/** The body of `POST .../releases`: each step's treatment share, the rest to control. */
export function planBody(form: PlanForm): Record<string, unknown> {
  return {
    ruleId: form.ruleId,
    treatment: form.treatment,
    control: form.control,
    steps: form.steps.map((s) => {
      const p = numeric(s.percent);
      const weights = typeof p === 'number' ? { [form.treatment]: p, [form.control]: Math.round((100 - p) * 1000) / 1000 } : { [form.treatment]: p };
      return { weights, minHoldMinutes: numeric(s.minHoldMinutes), minSample: numeric(s.minSample) };
    }),
    guards: form.guards.map(guardBody),
    onBreach: form.onBreach,
    ...(form.comment.trim() === '' ? {} : { comment: form.comment.trim() }),
  };
}

/** The form field a body path belongs to; a step's weights are its percentage, a guard's tolerance its percent field. */
export function fieldOfPath(path: string): string {
  const step = /^\/steps\/(\d+)(?:\/(weights|minHoldMinutes|minSample))?/.exec(path);
  if (step) return `plan-step-${step[1]}-${step[2] === 'minHoldMinutes' ? 'hold' : step[2] === 'minSample' ? 'sample' : 'percent'}`;
  const guard = /^\/guards\/(\d+)(?:\/(\w+))?/.exec(path);
  // A guard's own issue (no field named: a union no kind matched) sits at the guard, not at one field.
  if (guard) return guard[2] === undefined ? `plan-guard-${guard[1]}` : `plan-guard-${guard[1]}-${guard[2] === 'promql' ? 'filter' : guard[2]}`;
  const top = /^\/(ruleId|treatment|control|onBreach|comment)/.exec(path);
  return top ? `plan-${top[1]}` : 'plan-form';
}

const isNumber = (text: string) => text.trim() !== '' && Number.isFinite(Number(text.trim()));

/**
 * Number fields that do not read as numbers, at the paths the API would name, before anything is
 * sent: typed text in a number field would otherwise fail a guard as a whole (no kind matches).
 */
export function numberIssues(form: PlanForm): Issue[] {
  const issues: Issue[] = [];
  const need = (text: string, path: string) => {
    if (!isNumber(text)) issues.push({ path, code: 'INVALID_VALUE', message: 'give a number' });
  };
  form.steps.forEach((s, i) => {
    need(s.percent, `/steps/${i}/weights`);
    need(s.minHoldMinutes, `/steps/${i}/minHoldMinutes`);
    need(s.minSample, `/steps/${i}/minSample`);
  });
  form.guards.forEach((g, i) => {
    if (g.kind === 'monitoring') {
      need(g.threshold, `/guards/${i}/threshold`);
      need(g.forMinutes, `/guards/${i}/forMinutes`);
    } else need(g.tolerancePercent, `/guards/${i}/tolerance`);
  });
  return issues;
}

/** The messages of one field (by its id), from a refusal's issues. */
export function messagesAt(issues: readonly Issue[], field: string): string[] {
  return issues.filter((i) => fieldOfPath(i.path) === field).map((i) => i.message);
}
