// The embedded release store: plans and schedules in process memory (validated on the way out,
// as Firestore's are), flag steps written through the flag repository the admin function uses,
// so the local product announces them like any write. Each item is applied in one synchronous
// stretch of the event loop after its flag write, so items never interleave.

import type { Flag } from '../rules/index.ts';
import type { Repository } from '../store/document-ports.ts';
import { conflict, NOT_FOUND } from '../store/results.ts';
import { ScheduleRecordSchema, type ScheduleRecord } from '../schedules/schedule-schema.ts';
import { PlanRecordSchema, type PlanRecord } from './plan-record.ts';
import { bumped, type ItemResult, type ReleaseStore, type Saved } from './release-store.ts';

type Table = Map<string, unknown>;

const idOf = (environment: string, id: string) => `${environment}\u0001${id}`;

function decoded<T>(schema: { safeParse: (raw: unknown) => { success: true; data: T } | { success: false } }, raw: unknown): T | undefined {
  if (raw === undefined) return undefined;
  const parsed = schema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}

export function createMemoryReleaseStore(options: { flags: Pick<Repository<Flag>, 'put'>; environmentExists: (environment: string) => Promise<boolean> }): ReleaseStore {
  const plans: Table = new Map();
  const schedules: Table = new Map();
  const readPlan = (environment: string, id: string) => decoded<PlanRecord>(PlanRecordSchema, plans.get(idOf(environment, id)));
  const readSchedule = (environment: string, id: string) => decoded<ScheduleRecord>(ScheduleRecordSchema, schedules.get(idOf(environment, id)));

  async function create<T extends { environment: string; id: string; version: number }>(table: Table, record: T): Promise<Saved<T>> {
    if (!(await options.environmentExists(record.environment))) return NOT_FOUND;
    if (table.has(idOf(record.environment, record.id))) return conflict(1);
    const stored = { ...record, version: 1 };
    table.set(idOf(record.environment, record.id), structuredClone(stored));
    return { ok: true, record: stored };
  }
  function save<T extends { environment: string; id: string; version: number }>(table: Table, read: (e: string, id: string) => T | undefined, record: T): Saved<T> {
    const current = read(record.environment, record.id);
    if (!current) return NOT_FOUND;
    if (current.version !== record.version) return conflict(current.version);
    const stored = bumped(record);
    table.set(idOf(record.environment, record.id), structuredClone(stored));
    return { ok: true, record: stored };
  }
  const inEnvironment = <T extends { environment: string; flag: string }>(read: (raw: unknown) => T | undefined, table: Map<string, unknown>, environment: string, flag: string) =>
    [...table.values()].map(read).filter((r): r is T => r !== undefined && r.environment === environment && r.flag === flag);

  return {
    createPlan: (plan) => create(plans, plan),
    plan: async (environment, id) => readPlan(environment, id),
    plans: async (environment, flag) => inEnvironment((raw) => decoded<PlanRecord>(PlanRecordSchema, raw), plans, environment, flag).sort((a, b) => b.createdAt.localeCompare(a.createdAt)),
    savePlan: async (plan) => save(plans, readPlan, plan),
    createSchedule: (schedule) => create(schedules, schedule),
    schedule: async (environment, id) => readSchedule(environment, id),
    schedules: async (environment, flag) => inEnvironment((raw) => decoded<ScheduleRecord>(ScheduleRecordSchema, raw), schedules, environment, flag).sort((a, b) => a.dueAt - b.dueAt),
    saveSchedule: async (schedule) => save(schedules, readSchedule, schedule),
    running: async (environment) => new Map([...plans.values()].map((raw) => decoded<PlanRecord>(PlanRecordSchema, raw)).filter((p): p is PlanRecord => p?.status === 'running' && p.environment === environment).map((p) => [p.flag, p.ruleId])),
    active: async (now) => ({
      plans: [...plans.values()].map((raw) => decoded<PlanRecord>(PlanRecordSchema, raw)).filter((p): p is PlanRecord => p?.status === 'running'),
      schedules: [...schedules.values()].map((raw) => decoded<ScheduleRecord>(ScheduleRecordSchema, raw)).filter((s): s is ScheduleRecord => s?.status === 'pending' && s.dueAt <= now),
    }),
    commit: async (environment, items) => {
      const results: ItemResult[] = [];
      for (const item of items) {
        const current = item.kind === 'plan' ? readPlan(environment, item.record.id) : readSchedule(environment, item.record.id);
        if (!current || current.version !== item.record.version) {
          results.push({ ok: false, reason: 'conflict', on: 'record' });
          continue;
        }
        let flagVersion: number | undefined;
        if (item.write) {
          const put = await options.flags.put(environment, item.write.document, { ifMatch: item.write.ifMatch, actor: item.write.actor, comment: item.write.comment });
          if (!put.ok) {
            results.push({ ok: false, reason: 'conflict', on: 'flag' });
            continue;
          }
          flagVersion = put.version;
        }
        // Re-checked after the awaited flag write: another writer of the record may have come in between.
        const saved = item.kind === 'plan' ? save(plans, readPlan, item.record) : save(schedules, readSchedule, item.record);
        results.push(saved.ok ? (flagVersion === undefined ? { ok: true } : { ok: true, flagVersion }) : { ok: false, reason: 'conflict', on: 'record' });
      }
      return results;
    },
  };
}
