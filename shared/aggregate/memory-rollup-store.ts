// The RollupStore in process memory, for `npm start` and unit tests; it passes the same contract
// suite as the Firestore adapter. A commit is atomic because nothing in it awaits.

import { addFlagMinute, experimentId, type CommitState, type ExperimentTotals, type FlagMinute, type OutboxEntry, type RollupStore } from './rollup-store.ts';

export function createMemoryRollupStore(): RollupStore {
  const ledger = new Set<string>();
  const minutes = new Map<string, FlagMinute>();
  const experiments = new Map<string, ExperimentTotals>();
  const outbox = new Map<string, OutboxEntry>();
  let watermark: number | undefined;
  let sequence = 0;
  const minuteKey = (environment: string, flag: string, minute: number) => `${environment}\u0001${flag}\u0001${minute}`;
  return {
    commit: async (input, plan) => {
      const totals = new Map<string, ExperimentTotals>();
      for (const ref of input.experiments) {
        const found = experiments.get(experimentId(ref));
        if (found) totals.set(experimentId(ref), found);
      }
      const state: CommitState = { fresh: new Set(input.messageIds.filter((id) => !ledger.has(id))), watermark, totals };
      const result = plan(state);
      for (const add of result.flagMinutes) {
        const key = minuteKey(add.environment, add.flag, add.minute);
        minutes.set(key, addFlagMinute(minutes.get(key), add));
      }
      for (const totals of result.experiments) experiments.set(experimentId(totals), totals);
      const ids = result.requests.map((series) => {
        const id = String(++sequence).padStart(12, '0');
        outbox.set(id, { id, series, attempts: 0 });
        return id;
      });
      for (const id of input.messageIds) ledger.add(id);
      if (result.watermark !== undefined) watermark = result.watermark;
      return { plan: result, outbox: ids };
    },
    pending: async () => [...outbox.values()],
    written: async (id) => void outbox.delete(id),
    failed: async (id) => {
      const entry = outbox.get(id);
      if (entry) outbox.set(id, { ...entry, attempts: entry.attempts + 1 });
    },
    flagMinutes: async (environment, flag, from, to) =>
      [...minutes.values()].filter((m) => m.environment === environment && m.flag === flag && m.minute >= from && m.minute < to).sort((a, b) => a.minute - b.minute),
    environmentMinutes: async (environment, from, to) =>
      [...minutes.values()].filter((m) => m.environment === environment && m.minute >= from && m.minute < to).sort((a, b) => a.minute - b.minute || a.flag.localeCompare(b.flag)),
    lastFlagMinute: async (environment, flag, before) => {
      let last: number | undefined;
      for (const m of minutes.values()) if (m.environment === environment && m.flag === flag && m.minute < before && (last === undefined || m.minute > last)) last = m.minute;
      return last;
    },
    experiment: async (ref) => experiments.get(experimentId(ref)),
  };
}
