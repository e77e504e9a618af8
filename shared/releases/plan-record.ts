// A release plan as stored: the plan as created, where it stands (status, step, the flag version
// its next step moves from), each guard's running statistics and the decisions it took with their
// evidence. Checked by zod whenever it is read back from a store.

import * as z from 'zod';
import { KeySchema } from '../rules/schema.ts';
import { GuardSchema, OnBreachSchema, PLAN_STATUSES, StepSchema, WeightsSchema } from './plan-schema.ts';

const count = z.number().finite().nonnegative();
const ArmSchema = z.strictObject({ exposures: count, events: count });
const MomentSchema = z.strictObject({ n: count, sum: z.number().finite(), sumSq: count });

export const GuardStateSchema = z.union([
  z.strictObject({ kind: z.literal('rate'), logLR: z.array(z.number()), treatment: ArmSchema, control: ArmSchema }),
  z.strictObject({ kind: z.literal('mean'), treatment: MomentSchema, control: MomentSchema, tau: z.number().positive().optional() }),
  z.strictObject({ kind: z.literal('monitoring'), consecutive: z.number().int().nonnegative(), last: z.number().finite().nullable() }),
]);
export type GuardState = z.infer<typeof GuardStateSchema>;

export const GuardEvidenceSchema = z.strictObject({
  guard: KeySchema,
  kind: z.enum(['rate', 'mean', 'monitoring']),
  verdict: z.enum(['ok', 'breach', 'insufficient']),
  /** Plain figures, as the console and the flag's comment show them. */
  figures: z.record(z.string(), z.union([z.number(), z.string(), z.null()])),
});
export type GuardEvidence = z.infer<typeof GuardEvidenceSchema>;

export const DECISION_ACTIONS = ['start', 'advance', 'complete', 'halt', 'pause', 'resume', 'abort'] as const;

export const DecisionSchema = z.strictObject({
  at: z.string(),
  action: z.enum(DECISION_ACTIONS),
  actor: z.string(),
  fromStep: z.number().int(),
  toStep: z.number().int(),
  /** The flag version the decision started from; with a write, the version it wrote. */
  fromFlagVersion: z.number().int().nonnegative(),
  toFlagVersion: z.number().int().nonnegative().optional(),
  weights: WeightsSchema.optional(),
  reason: z.string().max(2000),
  evidence: z.array(GuardEvidenceSchema),
});
export type Decision = z.infer<typeof DecisionSchema>;

/** Decisions kept on the plan (state changes only, never holds); older ones stay in the flag's history. */
export const MAX_DECISIONS = 100;

export const PlanRecordSchema = z.strictObject({
  id: KeySchema,
  environment: KeySchema,
  flag: KeySchema,
  ruleId: KeySchema,
  control: KeySchema,
  treatment: KeySchema,
  steps: z.array(StepSchema).min(1),
  guards: z.array(GuardSchema),
  onBreach: OnBreachSchema,
  alpha: z.number().gt(0),
  comment: z.string().optional(),
  status: z.enum(PLAN_STATUSES),
  /** -1 until the first step is applied. */
  step: z.number().int().min(-1),
  /** Epoch ms the current step was applied. */
  stepStartedAt: z.number().int().nullable(),
  /** The flag's version as the plan last wrote or accepted it: the version its next step moves from. */
  flagVersion: z.number().int().nonnegative(),
  /** The split's weights when the plan was created (the rollback of a breach at step 0). */
  initialWeights: WeightsSchema,
  /** Minutes (epoch ms of their start) folded into the guards, up to and including this one. */
  foldedThrough: z.number().int().nullable(),
  /** Exposures per arm during the current step. */
  stepExposures: z.strictObject({ treatment: count, control: count }),
  guardState: z.record(KeySchema, GuardStateSchema),
  /** The last check's evidence, hold or not. */
  lastCheck: z.strictObject({ at: z.string(), outcome: z.string(), evidence: z.array(GuardEvidenceSchema) }).nullable(),
  pauseReason: z.string().optional(),
  /** The flag as far as it decides the plan's users (weights.ts `audienceOf`) at `flagVersion`; plans stored before it have none. */
  audience: z.string().optional(),
  decisions: z.array(DecisionSchema),
  version: z.number().int().positive(),
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
});
export type PlanRecord = z.infer<typeof PlanRecordSchema>;
