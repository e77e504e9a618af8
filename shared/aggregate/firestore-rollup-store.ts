// The RollupStore on Firestore. Document layout (functions/aggregate/README.md draws it too):
//   usage/{environment}/flags/{flag}/minutes/{minute ISO}   one flag's minute: totals by variant, reason, rule
//   usage/{environment}/experiments/{experiment}            exposures by variant since the first
//   aggregatorLedger/{message id}                           applied messages (expireAt: a TTL policy removes them)
//   aggregatorOutbox/{sortable id}                          Monitoring requests not yet written
//   aggregatorState/watermark                               the latest minute written to Monitoring
// Everything a commit writes is in one transaction with the ledger reads.

import type { DocumentReference, DocumentSnapshot, Firestore } from '@google-cloud/firestore';
import * as z from 'zod';
import { firestoreModule } from '../store/firestore/client-module.ts';
import { documentId } from '../store/firestore/layout.ts';
import { experimentId, type CommitState, type ExperimentTotals, type FlagMinute, type OutboxEntry, type RollupStore } from './rollup-store.ts';
import type { TimeSeries } from './time-series.ts';

/** Pub/Sub keeps an unacknowledged message at most 7 days: a ledger entry older cannot matter. */
const LEDGER_TTL_MS = 8 * 24 * 3600_000;

const counts = z.record(z.string(), z.number());
const ExperimentDoc = z.object({ exposures: counts });
const WatermarkDoc = z.object({ minute: z.number() });
const OutboxDoc = z.object({ body: z.string(), attempts: z.number().int().nonnegative() });
const moments = z.object({ count: z.number().default(0), sum: z.number().default(0), sumSq: z.number().default(0) });
const MinuteDoc = z.object({
  evaluations: z.number().default(0), errors: z.number().default(0), variants: counts.default({}), reasons: counts.default({}), rules: counts.default({}),
  splits: counts.optional(), events: z.record(z.string(), counts).optional(), values: z.record(z.string(), z.record(z.string(), moments)).optional(),
});

function minuteOf(environment: string, flag: string, doc: { get: (field: string) => unknown; data: () => unknown }): FlagMinute {
  const { splits, events, values, ...rest } = MinuteDoc.parse(doc.data());
  const minute = (doc.get('minute') as { toMillis: () => number }).toMillis();
  return { environment, flag, minute, ...rest, ...(splits ? { splits } : {}), ...(events ? { events } : {}), ...(values ? { values } : {}) };
}

export function createFirestoreRollupStore(db: Firestore, options: { now?: () => number } = {}): RollupStore {
  const now = options.now ?? Date.now;
  const { FieldValue, Timestamp } = firestoreModule();
  const usage = (environment: string) => db.collection('usage').doc(documentId(environment));
  const minutes = (environment: string, flag: string) => usage(environment).collection('flags').doc(documentId(flag)).collection('minutes');
  const experimentRef = (environment: string, experiment: string) => usage(environment).collection('experiments').doc(documentId(experiment));
  const ledger = db.collection('aggregatorLedger');
  const outbox = db.collection('aggregatorOutbox');
  const watermarkRef = db.collection('aggregatorState').doc('watermark');
  const increments = (values: Readonly<Record<string, number>>) =>
    Object.fromEntries(Object.entries(values).filter(([k, v]) => k !== '' && v !== 0).map(([k, v]) => [k, FieldValue.increment(v)]));
  let sequence = 0;

  return {
    commit: (input, plan) =>
      db.runTransaction(async (tx) => {
        const ledgerRefs = input.messageIds.map((id) => ledger.doc(documentId(id)));
        const experimentRefs = input.experiments.map((ref) => experimentRef(ref.environment, ref.experiment));
        const refs: DocumentReference[] = [watermarkRef, ...ledgerRefs, ...experimentRefs];
        const snapshots = await tx.getAll(...refs);
        const [watermarkSnap, ...rest] = snapshots as [DocumentSnapshot, ...DocumentSnapshot[]];
        const ledgerSnaps = rest.slice(0, ledgerRefs.length);
        const experimentSnaps = rest.slice(ledgerRefs.length);
        const totals = new Map<string, ExperimentTotals>();
        input.experiments.forEach((ref, i) => {
          const snap = experimentSnaps[i]!;
          if (snap.exists) totals.set(experimentId(ref), { ...ref, exposures: ExperimentDoc.parse(snap.data()).exposures });
        });
        const state: CommitState = {
          fresh: new Set(input.messageIds.filter((_, i) => !ledgerSnaps[i]!.exists)),
          watermark: watermarkSnap.exists ? WatermarkDoc.parse(watermarkSnap.data()).minute : undefined,
          totals,
        };
        const result = plan(state);
        for (const add of result.flagMinutes) {
          const ref = minutes(add.environment, add.flag).doc(new Date(add.minute).toISOString());
          tx.set(ref, {
            environment: add.environment, flag: add.flag, minute: Timestamp.fromMillis(add.minute),
            evaluations: FieldValue.increment(add.evaluations), errors: FieldValue.increment(add.errors),
            variants: increments(add.variants), reasons: increments(add.reasons), rules: increments(add.rules),
            // Release figures (nested maps merge field by field; event names and variant keys are plain field names in set()).
            ...(add.splits ? { splits: increments(add.splits) } : {}),
            ...(add.events ? { events: Object.fromEntries(Object.entries(add.events).map(([event, byVariant]) => [event, increments(byVariant)])) } : {}),
            ...(add.values ? { values: Object.fromEntries(Object.entries(add.values).map(([event, byVariant]) => [event, Object.fromEntries(Object.entries(byVariant).map(([variant, m]) => [variant, increments(m)]))])) } : {}),
          }, { merge: true });
        }
        for (const t of result.experiments) {
          tx.set(experimentRef(t.environment, t.experiment), { environment: t.environment, experiment: t.experiment, exposures: t.exposures, updatedAt: Timestamp.fromMillis(now()) });
        }
        const at = now();
        const base = `${String(at).padStart(15, '0')}-${String(++sequence).padStart(6, '0')}`;
        const ids = result.requests.map((series, i) => {
          const id = `${base}-${String(i).padStart(4, '0')}`;
          tx.set(outbox.doc(id), { createdAt: Timestamp.fromMillis(at), body: JSON.stringify(series), attempts: 0 });
          return id;
        });
        const expireAt = Timestamp.fromMillis(at + LEDGER_TTL_MS);
        for (const ref of ledgerRefs) tx.set(ref, { appliedAt: Timestamp.fromMillis(at), expireAt });
        if (result.watermark !== undefined) tx.set(watermarkRef, { minute: result.watermark });
        return { plan: result, outbox: ids };
      }),
    pending: async () => {
      const snap = await outbox.orderBy(firestoreModule().FieldPath.documentId()).get();
      return snap.docs.map((doc): OutboxEntry => {
        const data = OutboxDoc.parse(doc.data());
        return { id: doc.id, series: JSON.parse(data.body) as TimeSeries[], attempts: data.attempts };
      });
    },
    written: async (id) => void (await outbox.doc(id).delete()),
    failed: async (id) => {
      await outbox.doc(id).update({ attempts: FieldValue.increment(1) }).catch(() => undefined);
    },
    flagMinutes: async (environment, flag, from, to) => {
      const snap = await minutes(environment, flag).where('minute', '>=', Timestamp.fromMillis(from)).where('minute', '<', Timestamp.fromMillis(to)).orderBy('minute').get();
      return snap.docs.map((doc) => minuteOf(environment, flag, doc));
    },
    // Every flag's minutes: a collection-group query on the composite index minutes (environment, minute)
    // at collection-group scope (terraform/releases.tf).
    environmentMinutes: async (environment, from, to) => {
      const snap = await db.collectionGroup('minutes').where('environment', '==', environment).where('minute', '>=', Timestamp.fromMillis(from)).where('minute', '<', Timestamp.fromMillis(to)).orderBy('minute').get();
      return snap.docs.map((doc) => minuteOf(environment, String(doc.get('flag')), doc));
    },
    lastFlagMinute: async (environment, flag, before) => {
      const snap = await minutes(environment, flag).where('minute', '<', Timestamp.fromMillis(before)).orderBy('minute', 'desc').limit(1).get();
      return snap.empty ? undefined : (snap.docs[0]!.get('minute') as InstanceType<typeof Timestamp>).toMillis();
    },
    experiment: async (ref) => {
      const snap = await experimentRef(ref.environment, ref.experiment).get();
      return snap.exists ? { ...ref, exposures: ExperimentDoc.parse(snap.data()).exposures } : undefined;
    },
  };
}
