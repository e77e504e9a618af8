import assert from 'node:assert/strict';
import { decideSchedule } from '../../../shared/schedules/decide-schedule.ts';
import { ScheduleInputSchema, type ScheduleRecord } from '../../../shared/schedules/schedule-schema.ts';
import { NOW, rampFlag } from './plan-fixtures.ts';

const schedule = (change: ScheduleRecord['change'], overrides: Partial<ScheduleRecord> = {}): ScheduleRecord => ({
  id: 's1', environment: 'production', flag: 'checkout', at: new Date(NOW).toISOString(), dueAt: NOW, change, flagVersion: 3, status: 'pending',
  version: 1, createdAt: new Date(NOW - 3600_000).toISOString(), createdBy: 'alice', updatedAt: new Date(NOW - 3600_000).toISOString(), ...overrides,
});

describe('deciding a scheduled change', () => {
  const flag = { version: 3, document: rampFlag(10) };

  it('waits until it is due', () => assert.deepEqual(decideSchedule(schedule({ enabled: false }), flag, NOW - 1), { kind: 'not_due' }));

  it('turns the flag off with an enabled patch, naming who scheduled it in the comment', () => {
    const outcome = decideSchedule(schedule({ enabled: false }, { comment: 'end of campaign' }), flag, NOW);
    assert.equal(outcome.kind, 'apply');
    assert.equal(outcome.kind === 'apply' && (outcome.document as { enabled: boolean }).enabled, false);
    assert.match(outcome.kind === 'apply' ? outcome.comment : '', /scheduled change s1 by alice .*: end of campaign/);
  });

  it('sets a rule\'s weights with a weights patch', () => {
    const outcome = decideSchedule(schedule({ ruleId: 'ramp', weights: { treatment: 50, control: 50 } }), flag, NOW);
    assert.equal(outcome.kind, 'apply');
    const doc = outcome.kind === 'apply' ? (outcome.document as ReturnType<typeof rampFlag>) : undefined;
    assert.deepEqual(doc?.rules?.[0]?.serve, { rollout: { ...(rampFlag().rules![0]!.serve as { rollout: object }).rollout, split: [{ variant: 'treatment', weight: 50 }, { variant: 'control', weight: 50 }] } });
  });

  it('refuses when the flag moved since it was scheduled, and says from which version to which', () => {
    assert.deepEqual(decideSchedule(schedule({ enabled: false }), { ...flag, version: 4 }, NOW), { kind: 'refuse', reason: 'the flag moved from version 3 (when this was scheduled) to 4; not applied' });
  });

  it('refuses a weights patch for a rule without a split, or a deleted flag', () => {
    assert.equal(decideSchedule(schedule({ ruleId: 'nope', weights: { treatment: 1, control: 99 } }), flag, NOW).kind, 'refuse');
    assert.match((decideSchedule(schedule({ enabled: true }), undefined, NOW) as { reason: string }).reason, /no longer exists/);
  });

  it('takes any other object as a whole flag document', () => {
    const parsed = ScheduleInputSchema.parse({ at: '2026-03-10T13:00:00Z', change: rampFlag(50) });
    const outcome = decideSchedule(schedule(parsed.change), flag, NOW);
    assert.deepEqual(outcome.kind === 'apply' && outcome.document, rampFlag(50));
  });
});
