// The shapes of release plans and scheduled changes as the admin API returns them (issue 17),
// checked at the boundary with zod's mini build; only what the console reads.

import * as z from 'zod/mini';

const Weights = z.record(z.string(), z.number());
const Figures = z.record(z.string(), z.union([z.number(), z.string(), z.null()]));
const Evidence = z.object({ guard: z.string(), kind: z.enum(['rate', 'mean', 'monitoring']), verdict: z.enum(['ok', 'breach', 'insufficient']), figures: Figures });

export const DecisionShape = z.object({
  at: z.string(),
  action: z.string(),
  actor: z.string(),
  fromStep: z.number(),
  toStep: z.number(),
  weights: z.optional(Weights),
  reason: z.string(),
  evidence: z.array(Evidence),
});

const Guard = z.looseObject({ id: z.string(), kind: z.string(), event: z.optional(z.string()), filter: z.optional(z.string()), promql: z.optional(z.string()), threshold: z.optional(z.number()), breachWhen: z.optional(z.string()), tolerance: z.optional(z.number()), direction: z.optional(z.string()) });

export const PlanShape = z.looseObject({
  id: z.string(),
  flag: z.string(),
  ruleId: z.string(),
  control: z.string(),
  treatment: z.string(),
  steps: z.array(z.object({ weights: Weights, minHoldMinutes: z.number(), minSample: z.number() })),
  guards: z.array(Guard),
  onBreach: z.string(),
  status: z.string(),
  step: z.number(),
  /** The flag version the plan last wrote or accepted. */
  flagVersion: z.number(),
  stepExposures: z.object({ treatment: z.number(), control: z.number() }),
  lastCheck: z.nullable(z.object({ at: z.string(), outcome: z.string(), evidence: z.array(Evidence) })),
  pauseReason: z.optional(z.string()),
  comment: z.optional(z.string()),
  decisions: z.array(DecisionShape),
  version: z.number(),
  createdAt: z.string(),
  createdBy: z.string(),
});
export type PlanAnswer = z.infer<typeof PlanShape>;
export const PlanListShape = z.object({ items: z.array(PlanShape) });

export const ScheduleShape = z.looseObject({
  id: z.string(),
  flag: z.string(),
  at: z.string(),
  change: z.record(z.string(), z.unknown()),
  comment: z.optional(z.string()),
  status: z.string(),
  reason: z.optional(z.string()),
  version: z.number(),
  createdBy: z.string(),
});
export type ScheduleAnswer = z.infer<typeof ScheduleShape>;
export const ScheduleListShape = z.object({ items: z.array(ScheduleShape) });
