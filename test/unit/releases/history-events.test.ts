// A flag's history entries from its release plans and scheduled changes.

import assert from 'node:assert/strict';
import { plannedChangeEvents } from '../../../shared/releases/history-events.ts';
import type { PlanRecord } from '../../../shared/releases/plan-record.ts';
import type { ScheduleRecord } from '../../../shared/schedules/schedule-schema.ts';

const plan = (decisions: PlanRecord['decisions']) => ({
  id: 'r1', ruleId: 'ramp', treatment: 'on', steps: [{}, {}], guards: [{}], createdAt: '2026-12-05T10:00:00.000Z', createdBy: 'ana', decisions,
}) as unknown as PlanRecord;
const decision = (at: string, action: PlanRecord['decisions'][number]['action'], actor: string, toFlagVersion?: number) => ({ at, action, actor, fromStep: 0, toStep: 1, fromFlagVersion: 1, ...(toFlagVersion ? { toFlagVersion } : {}), reason: `because ${action}`, evidence: [] });
const schedule = (status: ScheduleRecord['status'], reason?: string, appliedVersion?: number) => ({
  id: 's1', at: '2026-12-05T22:00:00.000Z', status, createdAt: '2026-12-05T11:00:00.000Z', createdBy: 'bo', updatedAt: '2026-12-05T22:00:30.000Z', ...(reason ? { reason } : {}), ...(appliedVersion ? { appliedVersion } : {}),
}) as unknown as ScheduleRecord;

describe('history entries of releases and schedules', () => {
  it('lists a plan\'s creation and each decision, with the flag version a step wrote', () => {
    const events = plannedChangeEvents([plan([decision('2026-12-05T10:01:00.000Z', 'start', 'release:r1', 2), decision('2026-12-05T10:30:00.000Z', 'pause', 'cy')])], []);
    assert.deepEqual(events.map((e) => [e.action, e.actor, e.flagVersion]), [['pause', 'cy', undefined], ['start', 'release:r1', 2], ['created', 'ana', undefined]]);
    assert.match(events[0]!.text, /release r1 pause: because pause/);
  });

  it('tells a pending schedule once and an ended one twice, naming who ended it', () => {
    assert.deepEqual(plannedChangeEvents([], [schedule('pending')]).map((e) => e.action), ['scheduled']);
    assert.deepEqual(plannedChangeEvents([], [schedule('cancelled', 'cancelled by dee')]).map((e) => [e.action, e.actor]), [['cancelled', 'dee'], ['scheduled', 'bo']]);
    assert.deepEqual(plannedChangeEvents([], [schedule('applied', undefined, 7)]).map((e) => [e.action, e.actor, e.flagVersion]), [['applied', 'schedule:s1', 7], ['scheduled', 'bo', undefined]]);
    assert.match(plannedChangeEvents([], [schedule('refused', 'the flag moved from version 3 to 4')])[0]!.text, /refused: the flag moved/);
  });

  it('orders plans and schedules together, newest first', () => {
    const events = plannedChangeEvents([plan([decision('2026-12-05T23:00:00.000Z', 'abort', 'ana')])], [schedule('applied', undefined, 5)]);
    assert.deepEqual(events.map((e) => e.action), ['abort', 'applied', 'scheduled', 'created']);
  });
});
