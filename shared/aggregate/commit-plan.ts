// What one batch commits, computed from the messages that were never applied before: the flag
// rollups, the new experiment totals with their SRM gauges, and the Monitoring requests. Pure,
// because a Firestore transaction may run it more than once.

import type { MetricsMessage } from '../telemetry/metrics-message.ts';
import { mergeMessages, minuteOf, type MergedGauge, type MergedPoint } from './merge.ts';
import { experimentId, type CommitPlan, type CommitState, type ExperimentRef, type ExperimentTotals, type FlagMinute } from './rollup-store.ts';
import { sampleRatioCheck, type SrmResult } from './srm.ts';
import { planRequests } from './time-series.ts';
import type { Weights } from './experiment-weights.ts';
import { addCount } from '../rules/own.ts';

export type BatchPlan = CommitPlan & {
  readonly merged: number;
  readonly series: number;
  readonly srm: readonly (ExperimentRef & SrmResult)[];
  /** publishTime of the oldest message merged. */
  readonly oldest: number | undefined;
};

export type Candidate = { readonly id: string; readonly publishTime: number; readonly message: MetricsMessage };

/** The experiments whose exposures the messages carry. */
export function experimentsIn(messages: readonly MetricsMessage[]): ExperimentRef[] {
  const refs = new Map<string, ExperimentRef>();
  for (const m of messages) for (const c of m.counters) if (c.m === 'exposures') refs.set(experimentId({ environment: c.l.environment!, experiment: c.l.experiment! }), { environment: c.l.environment!, experiment: c.l.experiment! });
  return [...refs.values()];
}

/** Evaluations and rule matches of each flag and minute, as the console charts them; split exposures and tracked events for release plans. */
export function flagMinutesOf(points: readonly MergedPoint[]): FlagMinute[] {
  type Building = { environment: string; flag: string; minute: number; evaluations: number; errors: number; variants: Record<string, number>; reasons: Record<string, number>; rules: Record<string, number>; splits?: Record<string, number>; events?: Record<string, Record<string, number>>; values?: Record<string, Record<string, { count: number; sum: number; sumSq: number }>> };
  const byKey = new Map<string, Building>();
  const entry = (environment: string, flag: string, minute: number) => {
    const key = `${environment}\u0001${flag}\u0001${minute}`;
    let e = byKey.get(key);
    if (!e) byKey.set(key, (e = { environment, flag, minute, evaluations: 0, errors: 0, variants: {}, reasons: {}, rules: {} }));
    return e;
  };
  for (const p of points) {
    if (p.kind !== 'counter') continue;
    if (p.m === 'evaluations') {
      const e = entry(p.l.environment!, p.l.flag!, p.minute);
      e.evaluations += p.v;
      addCount(e.reasons, p.l.reason!, p.v);
      if (p.l.reason === 'ERROR') e.errors += p.v;
      else addCount(e.variants, p.l.variant!, p.v);
      if (p.l.reason === 'SPLIT') addCount((e.splits ??= {}), p.l.variant!, p.v);
    } else if (p.m === 'rule_matches') {
      const e = entry(p.l.environment!, p.l.flag!, p.minute);
      addCount(e.rules, p.l.rule!, p.v);
    } else if (p.m === 'tracked_events') {
      const e = entry(p.l.environment!, p.l.flag!, p.minute);
      addCount(((e.events ??= {})[p.l.event!] ??= {}), p.l.variant!, p.v);
    }
  }
  for (const p of points) {
    if (p.kind !== 'distribution' || p.m !== 'tracked_event_values') continue;
    const e = entry(p.l.environment!, p.l.flag!, p.minute);
    const byVariant = ((e.values ??= {})[p.l.event!] ??= {});
    const v = byVariant[p.l.variant!];
    byVariant[p.l.variant!] = { count: (v?.count ?? 0) + p.count, sum: (v?.sum ?? 0) + p.sum, sumSq: (v?.sumSq ?? 0) + p.sumSq };
  }
  return [...byKey.values()];
}

export function planBatch(candidates: readonly Candidate[], state: CommitState, options: { projectId: string; now: number; weights: ReadonlyMap<string, Weights> }): BatchPlan {
  const fresh = candidates.filter((c) => state.fresh.has(c.id));
  const merged = mergeMessages(fresh.map((c) => c.message));
  const runMinute = minuteOf(options.now);

  // Cumulative exposures, then the SRM check of each experiment that moved.
  const totals = new Map<string, ExperimentTotals>();
  for (const p of merged.points) {
    if (p.kind !== 'counter' || p.m !== 'exposures') continue;
    const ref = { environment: p.l.environment!, experiment: p.l.experiment! };
    const id = experimentId(ref);
    const current = totals.get(id) ?? state.totals.get(id) ?? { ...ref, exposures: {} };
    totals.set(id, { ...ref, exposures: { ...current.exposures, [p.l.variant!]: (current.exposures[p.l.variant!] ?? 0) + p.v } });
  }
  const srm: (ExperimentRef & SrmResult)[] = [];
  const gauges: MergedGauge[] = [];
  for (const [id, t] of totals) {
    const weights = options.weights.get(id);
    const result = weights ? sampleRatioCheck(t.exposures, weights) : undefined;
    if (!result) continue;
    const ref = { environment: t.environment, experiment: t.experiment };
    srm.push({ ...ref, ...result });
    gauges.push({ kind: 'gauge', m: 'srm_p_value', l: ref, minute: runMinute, v: result.pValue });
    gauges.push({ kind: 'gauge', m: 'srm_mismatch', l: ref, minute: runMinute, v: result.mismatch ? 1 : 0 });
  }

  const points = [...merged.points, ...gauges];
  const { requests, watermark } = planRequests(points, { projectId: options.projectId, runMinute, watermark: state.watermark });
  const oldest = fresh.length > 0 ? Math.min(...fresh.map((c) => c.publishTime)) : undefined;
  return { flagMinutes: flagMinutesOf(merged.points), experiments: [...totals.values()], requests, watermark, merged: fresh.length, series: points.length, srm, oldest };
}
