// What a release plan is, at the HTTP boundary (the body that creates one) and in storage (the
// plan with its progress). One rule's split of one flag in one environment moves through ordered
// steps of weights; guards watch each step; a breach halts the plan and rolls the weights back.

import * as z from 'zod';
import { KeySchema } from '../rules/schema.ts';

export const DirectionSchema = z.enum(['increase', 'decrease']);

/** A relative change tolerated before the treatment counts as harmful (0.1: 10% worse). */
const ToleranceSchema = z.number().min(0).max(0.9);

/** An event name as the track endpoint takes it. */
export const EventNameSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, _ and -, at most 64');

export const RateGuardSchema = z.strictObject({
  id: KeySchema,
  kind: z.literal('rate'),
  /** Events per exposure, treatment against control. */
  event: EventNameSchema,
  direction: DirectionSchema.default('increase'),
  tolerance: ToleranceSchema.default(0),
});

export const MeanGuardSchema = z.strictObject({
  id: KeySchema,
  kind: z.literal('mean'),
  /** The mean of the events' `value`, treatment against control. */
  event: EventNameSchema,
  direction: DirectionSchema.default('increase'),
  tolerance: ToleranceSchema.default(0),
});

export const MonitoringGuardSchema = z
  .strictObject({
    id: KeySchema,
    kind: z.literal('monitoring'),
    /** A Cloud Monitoring filter (`metric.type="…" AND resource.labels.service_name="…"`) … */
    filter: z.string().min(1).max(2000).optional(),
    /** … or a PromQL query; exactly one of the two. */
    promql: z.string().min(1).max(2000).optional(),
    threshold: z.number().finite(),
    breachWhen: z.enum(['above', 'below']).default('above'),
    /** Consecutive minutes beyond the threshold before it counts as a breach. */
    forMinutes: z.number().int().min(1).max(60).default(1),
  })
  .refine((g) => (g.filter === undefined) !== (g.promql === undefined), { message: 'give exactly one of filter and promql', path: ['filter'] });

export const GuardSchema = z.union([RateGuardSchema, MeanGuardSchema, MonitoringGuardSchema]);
export type Guard = z.infer<typeof GuardSchema>;
export type VariantGuard = Extract<Guard, { kind: 'rate' | 'mean' }>;
export type MonitoringGuard = Extract<Guard, { kind: 'monitoring' }>;

/** Percent per variant; the split's variants, summing to 100. */
export const WeightsSchema = z.record(KeySchema, z.number().min(0).max(100));
export type Weights = z.infer<typeof WeightsSchema>;

export const StepSchema = z.strictObject({
  weights: WeightsSchema,
  /** The step is held at least this long before the next one (or completion). */
  minHoldMinutes: z.number().int().min(1).max(10_080).default(10),
  /** And until each arm has had at least this many exposures during the step. */
  minSample: z.number().int().min(0).max(1e9).default(1000),
});
export type Step = z.infer<typeof StepSchema>;

export const OnBreachSchema = z.enum(['previous', 'zero']);

export const PlanInputSchema = z
  .strictObject({
    ruleId: KeySchema,
    control: KeySchema,
    treatment: KeySchema,
    steps: z.array(StepSchema).min(1).max(20),
    guards: z.array(GuardSchema).max(10).default([]),
    /** `previous`: back to the weights before the step; `zero`: the treatment's share to control. */
    onBreach: OnBreachSchema.default('previous'),
    /** The chance of a false halt over the whole plan, shared by its per-variant guards. */
    alpha: z.number().gt(0).max(0.2).default(0.05),
    comment: z.string().max(1000).optional(),
  })
  .superRefine((plan, ctx) => {
    if (plan.control === plan.treatment) ctx.addIssue({ code: 'custom', path: ['treatment'], message: 'treatment and control must differ' });
    const ids = new Set<string>();
    plan.guards.forEach((g, i) => {
      if (ids.has(g.id)) ctx.addIssue({ code: 'custom', path: ['guards', i, 'id'], message: `guard id "${g.id}" appears twice` });
      ids.add(g.id);
    });
    plan.steps.forEach((step, i) => {
      const total = Object.values(step.weights).reduce((s, w) => s + w, 0);
      if (Math.abs(total - 100) > 1e-6) ctx.addIssue({ code: 'custom', path: ['steps', i, 'weights'], message: `weights must add up to 100, not ${total}` });
      for (const v of [plan.control, plan.treatment]) if (!(v in step.weights)) ctx.addIssue({ code: 'custom', path: ['steps', i, 'weights', v], message: `every step gives "${v}" a weight` });
    });
  });
export type PlanInput = z.infer<typeof PlanInputSchema>;

export const PLAN_STATUSES = ['running', 'paused', 'halted', 'completed', 'aborted'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];
