// A scheduled change of one flag: at a time, a whole flag document or a patch (`{ enabled }`, or
// `{ ruleId, weights }`), applied by the minute run against the flag version it was scheduled on.

import * as z from 'zod';
import { KeySchema } from '../rules/schema.ts';

const WeightsSchema = z.record(KeySchema, z.number().min(0).max(100));

export const EnabledPatchSchema = z.strictObject({ enabled: z.boolean() });
export const WeightsPatchSchema = z.strictObject({ ruleId: KeySchema, weights: WeightsSchema });

/** A patch, or else any object taken as a whole flag document (validated like a PUT when it is made and when it is applied). */
export const ChangeSchema = z.union([EnabledPatchSchema, WeightsPatchSchema, z.record(z.string(), z.unknown())]);
export type Change = z.infer<typeof ChangeSchema>;

export const ScheduleInputSchema = z.strictObject({
  at: z.iso.datetime({ offset: true }),
  change: ChangeSchema,
  comment: z.string().max(1000).optional(),
});
export type ScheduleInput = z.infer<typeof ScheduleInputSchema>;

export type ChangeKind = 'enabled' | 'weights' | 'document';

export function changeKind(change: Change): ChangeKind {
  if (EnabledPatchSchema.safeParse(change).success) return 'enabled';
  if (WeightsPatchSchema.safeParse(change).success) return 'weights';
  return 'document';
}

export const SCHEDULE_STATUSES = ['pending', 'applied', 'refused', 'cancelled'] as const;

export const ScheduleRecordSchema = z.strictObject({
  id: KeySchema,
  environment: KeySchema,
  flag: KeySchema,
  /** When it is due (RFC 3339) and the same instant in epoch ms, for the due query. */
  at: z.string(),
  dueAt: z.number().int(),
  change: ChangeSchema,
  comment: z.string().optional(),
  /** The flag version it was scheduled on: applied only if the flag is still at it. */
  flagVersion: z.number().int().nonnegative(),
  status: z.enum(SCHEDULE_STATUSES),
  /** Why it was refused, or by whom cancelled. */
  reason: z.string().optional(),
  /** The flag version the change wrote. */
  appliedVersion: z.number().int().positive().optional(),
  version: z.number().int().positive(),
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
});
export type ScheduleRecord = z.infer<typeof ScheduleRecordSchema>;
