// Whether a due schedule is applied, in pure code: only against the flag version it was scheduled
// on; a flag that moved since (or was deleted, or lost the rule a patch names) refuses it with the
// reason. The caller validates the resulting document and runs its golden tests, as a PUT would.

import type { Flag } from '../rules/index.ts';
import { changeKind, type Change, type ScheduleRecord } from './schedule-schema.ts';

export type ScheduleOutcome =
  | { readonly kind: 'not_due' }
  | { readonly kind: 'refuse'; readonly reason: string }
  | { readonly kind: 'apply'; readonly document: unknown; readonly comment: string };

export const scheduleActor = (id: string) => `schedule:${id}`;

function applied(flag: Flag, change: Change): { ok: true; document: unknown } | { ok: false; reason: string } {
  switch (changeKind(change)) {
    case 'enabled':
      return { ok: true, document: { ...flag, enabled: (change as { enabled: boolean }).enabled } };
    case 'weights': {
      const { ruleId, weights } = change as { ruleId: string; weights: Record<string, number> };
      const rule = (flag.rules ?? []).find((r) => r.id === ruleId);
      if (!rule || !('rollout' in rule.serve)) return { ok: false, reason: `the flag has no rule "${ruleId}" with a split` };
      const split = rule.serve.rollout.split;
      const unknown = Object.keys(weights).filter((v) => !split.some((s) => s.variant === v));
      if (unknown.length > 0) return { ok: false, reason: `rule "${ruleId}" has no variant ${unknown.join(', ')} in its split` };
      const rules = (flag.rules ?? []).map((r) => (r.id === ruleId && 'rollout' in r.serve ? { ...r, serve: { rollout: { ...r.serve.rollout, split: r.serve.rollout.split.map((s) => ({ ...s, weight: weights[s.variant] ?? 0 })) } } } : r));
      return { ok: true, document: { ...flag, rules } };
    }
    case 'document':
      return { ok: true, document: change };
  }
}

/** `flag` is the flag as it is now (undefined: deleted or never there), with its version. */
export function decideSchedule(schedule: ScheduleRecord, flag: { readonly version: number; readonly document: Flag } | undefined, now: number): ScheduleOutcome {
  if (schedule.status !== 'pending' || schedule.dueAt > now) return { kind: 'not_due' };
  if (!flag) return { kind: 'refuse', reason: `the flag "${schedule.flag}" no longer exists` };
  if (flag.version !== schedule.flagVersion) return { kind: 'refuse', reason: `the flag moved from version ${schedule.flagVersion} (when this was scheduled) to ${flag.version}; not applied` };
  const result = applied(flag.document, schedule.change);
  if (!result.ok) return { kind: 'refuse', reason: result.reason };
  const comment = `scheduled change ${schedule.id} by ${schedule.createdBy} for ${schedule.at}${schedule.comment ? `: ${schedule.comment}` : ''}`;
  return { kind: 'apply', document: result.document, comment };
}
