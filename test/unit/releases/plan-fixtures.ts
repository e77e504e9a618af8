// Plans and minutes for the release tests: a flag with a 0/100 treatment/control split, a
// five-step plan over it, and minutes of traffic with chosen error rates.

import type { Flag, FlagInput } from '../../../shared/rules/index.ts';
import { FlagSchema } from '../../../shared/rules/schema.ts';
import type { MinuteFigures } from '../../../shared/releases/guard-check.ts';
import { newPlan } from '../../../shared/releases/plan-lifecycle.ts';
import type { PlanRecord } from '../../../shared/releases/plan-record.ts';
import { PlanInputSchema, type PlanInput } from '../../../shared/releases/plan-schema.ts';
import { aFlag, aRollout, NOW } from '../../helpers/builders.ts';

export { NOW };
export const MINUTE = 60_000;

export function rampFlag(treatment = 0): Flag {
  const input: FlagInput = aFlag({ key: 'checkout', variants: { treatment: true, control: false }, offVariant: 'control', defaultVariant: 'control', rules: [{ id: 'ramp', serve: aRollout({ treatment, control: 100 - treatment }) }] });
  return FlagSchema.parse(input);
}

export const FIVE_STEPS = [1, 5, 25, 50, 100].map((t) => ({ weights: { treatment: t, control: 100 - t }, minHoldMinutes: 10, minSample: 500 }));

export function planInput(overrides: Record<string, unknown> = {}): PlanInput {
  return PlanInputSchema.parse({ ruleId: 'ramp', control: 'control', treatment: 'treatment', steps: FIVE_STEPS, guards: [{ id: 'errors', kind: 'rate', event: 'error', direction: 'increase', tolerance: 0 }], ...overrides });
}

export function aPlan(overrides: Record<string, unknown> = {}, flagVersion = 1): PlanRecord {
  const made = newPlan(planInput(overrides), { id: 'p1', environment: 'production', flag: rampFlag(), flagVersion, actor: 'alice', now: NOW });
  if (!made.ok) throw new Error(made.message);
  return made.plan;
}

/** A minute with `exposures` split by the treatment's share and errors at the given rates (expected counts, rounded). */
export function aMinute(minute: number, share: number, rates: { treatment: number; control: number }, exposures = 10_000): MinuteFigures {
  const t = Math.round(exposures * share);
  const c = exposures - t;
  return { minute, exposures: { treatment: t, control: c }, events: { error: { treatment: Math.round(t * rates.treatment), control: Math.round(c * rates.control) } }, values: {} };
}
