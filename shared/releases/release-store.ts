// The port where release plans and scheduled changes are kept, each record with its own version,
// and the one write the minute run makes per environment: every flag step, plan and schedule of
// that environment in one transaction, so the environment's version document takes one write per
// run however many plans move (see README "Where it runs").

import type { Flag } from '../rules/index.ts';
import type { Conflict, NotFound } from '../store/results.ts';
import type { ScheduleRecord } from '../schedules/schedule-schema.ts';
import type { PlanRecord } from './plan-record.ts';

export type Saved<T> = { readonly ok: true; readonly record: T } | Conflict | NotFound;

/** One flag write of a batch: an ordinary versioned write (history and audit entry) by `actor`. */
export type FlagWrite = { readonly key: string; readonly ifMatch: number; readonly document: Flag; readonly actor: string; readonly comment: string };

/**
 * A plan or schedule to store (its `version` is the one read: the store writes version + 1), with
 * the flag write it rides on. If the flag is no longer at `write.ifMatch`, or the record no longer
 * at its version, nothing of the item is written and its result is a conflict.
 */
export type BatchItem =
  | { readonly kind: 'plan'; readonly record: PlanRecord; readonly write?: FlagWrite }
  | { readonly kind: 'schedule'; readonly record: ScheduleRecord; readonly write?: FlagWrite };

export type ItemResult =
  | { readonly ok: true; readonly flagVersion?: number }
  | { readonly ok: false; readonly reason: 'conflict'; readonly on: 'flag' | 'record' };

export type ReleaseStore = {
  readonly createPlan: (plan: PlanRecord) => Promise<Saved<PlanRecord>>;
  readonly plan: (environment: string, id: string) => Promise<PlanRecord | undefined>;
  /** Newest first. */
  readonly plans: (environment: string, flag: string) => Promise<readonly PlanRecord[]>;
  /** Replaces a plan read at `plan.version`; stores version + 1. */
  readonly savePlan: (plan: PlanRecord) => Promise<Saved<PlanRecord>>;

  readonly createSchedule: (schedule: ScheduleRecord) => Promise<Saved<ScheduleRecord>>;
  readonly schedule: (environment: string, id: string) => Promise<ScheduleRecord | undefined>;
  /** Soonest first. */
  readonly schedules: (environment: string, flag: string) => Promise<readonly ScheduleRecord[]>;
  readonly saveSchedule: (schedule: ScheduleRecord) => Promise<Saved<ScheduleRecord>>;

  /** The flags of an environment with a running plan, each with its plan's rule (the track endpoint's attribution). */
  readonly running: (environment: string) => Promise<ReadonlyMap<string, string>>;
  /** What the minute run works on: running plans, and pending schedules due at `now`, of every environment. */
  readonly active: (now: number) => Promise<{ readonly plans: readonly PlanRecord[]; readonly schedules: readonly ScheduleRecord[] }>;
  /** One environment's items in one transaction; results in the items' order. */
  readonly commit: (environment: string, items: readonly BatchItem[]) => Promise<readonly ItemResult[]>;
};

export const bumped = <T extends { version: number }>(record: T): T => ({ ...record, version: record.version + 1 });
