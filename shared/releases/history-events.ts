// The state changes of a flag's release plans and scheduled changes, as entries of the flag's
// history: a plan created, each of its decisions (steps, holds that paused it, halts, a person's
// pause, resume or abort), a schedule made, applied, refused or cancelled. Steps that wrote the
// flag are also versions of it; the entries that wrote nothing live only here. Pure.

import type { PlanRecord } from './plan-record.ts';
import type { ScheduleRecord } from '../schedules/schedule-schema.ts';

export type PlannedChangeEvent = {
  readonly at: string;
  readonly actor: string;
  readonly kind: 'release' | 'schedule';
  /** The plan's or the schedule's id. */
  readonly id: string;
  readonly action: string;
  /** What happened, in words. */
  readonly text: string;
  /** The flag version a step or an applied change wrote. */
  readonly flagVersion?: number;
};

const CANCELLED_BY = /^cancelled by (.+)$/;

function planEvents(plan: PlanRecord): PlannedChangeEvent[] {
  const created: PlannedChangeEvent = { at: plan.createdAt, actor: plan.createdBy, kind: 'release', id: plan.id, action: 'created', text: `release ${plan.id} planned on rule "${plan.ruleId}": ${plan.steps.length} steps of ${plan.treatment}, ${plan.guards.length} guard${plan.guards.length === 1 ? '' : 's'}` };
  return [
    created,
    ...plan.decisions.map((d): PlannedChangeEvent => ({
      at: d.at, actor: d.actor, kind: 'release', id: plan.id, action: d.action,
      text: `release ${plan.id} ${d.action}: ${d.reason}`,
      ...(d.toFlagVersion === undefined ? {} : { flagVersion: d.toFlagVersion }),
    })),
  ];
}

function scheduleEvents(schedule: ScheduleRecord): PlannedChangeEvent[] {
  const made: PlannedChangeEvent = { at: schedule.createdAt, actor: schedule.createdBy, kind: 'schedule', id: schedule.id, action: 'scheduled', text: `change ${schedule.id} scheduled for ${schedule.at}${schedule.comment ? `: ${schedule.comment}` : ''}` };
  if (schedule.status === 'pending') return [made];
  const by = schedule.status === 'cancelled' ? (CANCELLED_BY.exec(schedule.reason ?? '')?.[1] ?? schedule.createdBy) : `schedule:${schedule.id}`;
  const ended: PlannedChangeEvent = {
    at: schedule.updatedAt, actor: by, kind: 'schedule', id: schedule.id, action: schedule.status,
    text: `change ${schedule.id} ${schedule.status}${schedule.reason ? `: ${schedule.reason}` : ''}`,
    ...(schedule.appliedVersion === undefined ? {} : { flagVersion: schedule.appliedVersion }),
  };
  return [made, ended];
}

/** Every entry, newest first (ties keep plans before schedules, each in its own order). */
export function plannedChangeEvents(plans: readonly PlanRecord[], schedules: readonly ScheduleRecord[]): PlannedChangeEvent[] {
  const events = [...plans.flatMap(planEvents), ...schedules.flatMap(scheduleEvents)];
  return events.map((e, i) => ({ e, i })).sort((a, b) => (a.e.at < b.e.at ? 1 : a.e.at > b.e.at ? -1 : b.i - a.i)).map(({ e }) => e);
}
