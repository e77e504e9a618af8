// Release plans and schedules in Firestore, next to the environment's documents:
//   environments/{env}/releases/{id}   { id, flag, status, version, json }
//   environments/{env}/schedules/{id}  { id, flag, status, dueAt, version, json }
// Bodies are JSON text, as documents are (shared/store/README.md). The minute run's commit is one
// transaction per environment: it re-reads the environment, every flag it writes and every record,
// then writes each flag step through the shared write plan (history and audit entry), each record,
// and the environment's version once.

import type { DocumentReference, Firestore, Transaction } from '@google-cloud/firestore';
import { admit, planPut } from '../store/write-plan.ts';
import { conflict, NOT_FOUND } from '../store/results.ts';
import { dataOf, documentId, toFirestore, type Layout } from '../store/firestore/layout.ts';
import { TRANSACTION_OPTIONS } from '../store/firestore/documents.ts';
import { ScheduleRecordSchema, type ScheduleRecord } from '../schedules/schedule-schema.ts';
import { PlanRecordSchema, type PlanRecord } from './plan-record.ts';
import { bumped, type BatchItem, type ItemResult, type ReleaseStore, type Saved } from './release-store.ts';

type Kind = 'releases' | 'schedules';
type Stored = { id: string; flag: string; status: string; version: number; json: string; dueAt?: number };

const SCHEMAS = { releases: PlanRecordSchema, schedules: ScheduleRecordSchema } as const;

function decode<T>(kind: Kind, raw: unknown): T | undefined {
  const json = (raw as { json?: unknown } | undefined)?.json;
  if (typeof json !== 'string') return undefined;
  try {
    const parsed = SCHEMAS[kind].safeParse(JSON.parse(json));
    return parsed.success ? (parsed.data as T) : undefined;
  } catch {
    return undefined;
  }
}

function encode(record: PlanRecord | ScheduleRecord): Stored {
  return { id: record.id, flag: record.flag, status: record.status, version: record.version, json: JSON.stringify(record), ...('dueAt' in record ? { dueAt: record.dueAt } : {}) };
}

export function createFirestoreReleaseStore(db: Firestore, paths: Layout, now: () => number = Date.now): ReleaseStore {
  const ref = (kind: Kind, environment: string, id: string) => paths.environment(environment).collection(kind).doc(documentId(id));

  async function create<T extends PlanRecord | ScheduleRecord>(kind: Kind, record: T): Promise<Saved<T>> {
    return db.runTransaction(async (tx) => {
      const [env, existing] = await tx.getAll(paths.environment(record.environment), ref(kind, record.environment, record.id));
      if (!env?.exists) return NOT_FOUND;
      if (existing?.exists) return conflict(1);
      const stored = { ...record, version: 1 };
      tx.create(ref(kind, record.environment, record.id), encode(stored));
      return { ok: true as const, record: stored };
    }, TRANSACTION_OPTIONS);
  }
  async function save<T extends PlanRecord | ScheduleRecord>(kind: Kind, record: T): Promise<Saved<T>> {
    return db.runTransaction(async (tx) => {
      const current = decode<T>(kind, dataOf(await tx.get(ref(kind, record.environment, record.id))));
      if (!current) return NOT_FOUND;
      if (current.version !== record.version) return conflict(current.version);
      const stored = bumped(record);
      tx.set(ref(kind, record.environment, record.id), encode(stored));
      return { ok: true as const, record: stored };
    }, TRANSACTION_OPTIONS);
  }
  async function ofFlag<T>(kind: Kind, environment: string, flag: string): Promise<T[]> {
    const docs = await paths.environment(environment).collection(kind).where('flag', '==', flag).get();
    return docs.docs.map((d) => decode<T>(kind, d.data())).filter((r): r is Awaited<T> & {} => r !== undefined);
  }

  return {
    createPlan: (plan) => create('releases', plan),
    plan: async (environment, id) => decode<PlanRecord>('releases', dataOf(await ref('releases', environment, id).get())),
    plans: async (environment, flag) => (await ofFlag<PlanRecord>('releases', environment, flag)).sort((a, b) => b.createdAt.localeCompare(a.createdAt)),
    savePlan: (plan) => save('releases', plan),
    createSchedule: (schedule) => create('schedules', schedule),
    schedule: async (environment, id) => decode<ScheduleRecord>('schedules', dataOf(await ref('schedules', environment, id).get())),
    schedules: async (environment, flag) => (await ofFlag<ScheduleRecord>('schedules', environment, flag)).sort((a, b) => a.dueAt - b.dueAt),
    saveSchedule: (schedule) => save('schedules', schedule),
    running: async (environment) => {
      const docs = await paths.environment(environment).collection('releases').where('status', '==', 'running').get();
      return new Map(docs.docs.map((d) => decode<PlanRecord>('releases', d.data())).filter((p): p is PlanRecord => p !== undefined).map((p) => [p.flag, p.ruleId]));
    },
    active: async (at) => {
      // Collection-group queries over every environment, each on a composite index at
      // collection-group scope (terraform/releases.tf): releases (status, flag), schedules (status, dueAt).
      const [plans, schedules] = await Promise.all([
        db.collectionGroup('releases').where('status', '==', 'running').orderBy('flag').get(),
        db.collectionGroup('schedules').where('status', '==', 'pending').where('dueAt', '<=', at).get(),
      ]);
      return {
        plans: plans.docs.map((d) => decode<PlanRecord>('releases', d.data())).filter((p): p is PlanRecord => p !== undefined),
        schedules: schedules.docs.map((d) => decode<ScheduleRecord>('schedules', d.data())).filter((s): s is ScheduleRecord => s !== undefined),
      };
    },
    commit: (environment, items) => db.runTransaction((tx) => commitItems(tx, paths, ref, environment, items, now()), TRANSACTION_OPTIONS),
  };
}

async function commitItems(tx: Transaction, paths: Layout, ref: (kind: Kind, environment: string, id: string) => DocumentReference, environment: string, items: readonly BatchItem[], at: number): Promise<ItemResult[]> {
  const kindOf = (item: BatchItem): Kind => (item.kind === 'plan' ? 'releases' : 'schedules');
  const flagKeys = [...new Set(items.flatMap((i) => (i.write ? [i.write.key] : [])))];
  const snaps = await tx.getAll(paths.environment(environment), ...flagKeys.map((k) => paths.document(environment, 'flags', k)), ...items.map((i) => ref(kindOf(i), environment, i.record.id)));
  let envRecord: unknown = snaps[0] && dataOf(snaps[0]);
  const flags = new Map<string, unknown>(flagKeys.map((k, i) => [k, snaps[1 + i] && dataOf(snaps[1 + i]!)]));
  const startVersion = (envRecord as { version?: number } | undefined)?.version;
  const results: ItemResult[] = [];
  items.forEach((item, i) => {
    const current = decode<PlanRecord | ScheduleRecord>(kindOf(item), snaps[1 + flagKeys.length + i] && dataOf(snaps[1 + flagKeys.length + i]!));
    if (!current || current.version !== item.record.version) return void results.push({ ok: false, reason: 'conflict', on: 'record' });
    let flagVersion: number | undefined;
    if (item.write) {
      const precondition = { ifMatch: item.write.ifMatch, actor: item.write.actor, comment: item.write.comment };
      const admitted = admit('flags', item.write.document, precondition);
      const plan = admitted.ok ? planPut('flags', environment, admitted, precondition, { environment: envRecord, current: flags.get(item.write.key), now: at }) : undefined;
      if (!plan?.ok) return void results.push({ ok: false, reason: 'conflict', on: 'flag' });
      tx.set(paths.document(environment, 'flags', plan.document.key), toFirestore(plan.document));
      tx.create(paths.version(environment, 'flags', plan.document.key, plan.history.version), toFirestore(plan.history));
      tx.create(paths.audit().doc(), toFirestore(plan.audit));
      flags.set(item.write.key, plan.document);
      envRecord = { ...(envRecord as object), version: plan.environmentVersion };
      flagVersion = plan.document.version;
    }
    tx.set(ref(kindOf(item), environment, item.record.id), encode(bumped(item.record)));
    results.push(flagVersion === undefined ? { ok: true } : { ok: true, flagVersion });
  });
  const endVersion = (envRecord as { version?: number } | undefined)?.version;
  // One write of the environment's version document for the whole batch.
  if (endVersion !== startVersion) tx.update(paths.environment(environment), { version: endVersion });
  return results;
}
