// One aggregator run: first the outbox a failed run left (so Monitoring sees every series in time
// order), then batches pulled until the subscription is empty, the time budget is spent or the
// message limit is reached. Per batch: validate, commit (ledger, rollups, outbox) in one
// transaction, write the outbox to Monitoring, acknowledge. A failure stops the run and hands the
// batch back unacknowledged; its redelivery is recognised by the ledger, its series by the outbox.

import { MetricsMessageSchema } from '../telemetry/metrics-message.ts';
import type { Logger } from '../telemetry/logger.ts';
import type { MetricsRecorder } from '../telemetry/recorder.ts';
import type { FlagStore } from '../store/ports.ts';
import { experimentsIn, planBatch, type Candidate } from './commit-plan.ts';
import { experimentWeights } from './experiment-weights.ts';
import type { MessageSource, PulledMessage } from './message-source.ts';
import type { MetricWriter } from './metric-writer.ts';
import type { ExperimentRef, RollupStore } from './rollup-store.ts';
import type { SrmResult } from './srm.ts';

export type AggregatorDeps = {
  readonly source: MessageSource;
  readonly store: RollupStore;
  readonly writer: MetricWriter;
  /** Where experiments' splits are read for the SRM check; without it there is no check. */
  readonly flags?: FlagStore;
  /** The aggregator's own metrics (aggregator_*), shipped like any instance's. */
  readonly metrics: MetricsRecorder;
  readonly log: Pick<Logger, 'info' | 'warn' | 'error'>;
  readonly projectId: string;
  readonly now: () => number;
  readonly limits: RunLimits;
};

export type RunLimits = {
  /** No new batch is pulled after this long. */
  readonly budgetMs: number;
  readonly maxMessages: number;
  /** Messages per pull and per commit. */
  readonly batchSize: number;
};

export type RunReport = {
  readonly outcome: 'ok' | 'failed';
  readonly batches: number;
  readonly messages: { readonly merged: number; readonly duplicate: number; readonly invalid: number };
  readonly requestsWritten: number;
  readonly seriesWritten: number;
  /** Outbox requests of an earlier, failed run written first. */
  readonly replayed: number;
  readonly srm: readonly (ExperimentRef & SrmResult)[];
  readonly lagSeconds?: number;
  readonly stoppedBy: 'empty' | 'budget' | 'max_messages' | 'failure';
  readonly error?: string;
};

type Tally = { batches: number; merged: number; duplicate: number; invalid: number; requests: number; series: number; replayed: number; srm: (ExperimentRef & SrmResult)[]; oldest: number | undefined };

class StepFailed extends Error {
  constructor(step: string, cause: unknown) {
    super(`${step}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

export async function runAggregation(deps: AggregatorDeps): Promise<RunReport> {
  const started = deps.now();
  const tally: Tally = { batches: 0, merged: 0, duplicate: 0, invalid: 0, requests: 0, series: 0, replayed: 0, srm: [], oldest: undefined };
  let stoppedBy: RunReport['stoppedBy'] = 'empty';
  let error: string | undefined;
  try {
    await replayOutbox(deps, tally);
    for (;;) {
      if (deps.now() - started >= deps.limits.budgetMs) { stoppedBy = 'budget'; break; }
      const seen = tally.merged + tally.duplicate + tally.invalid;
      if (seen >= deps.limits.maxMessages) { stoppedBy = 'max_messages'; break; }
      const pulled = await step('pull', () => deps.source.pull(Math.min(deps.limits.batchSize, deps.limits.maxMessages - seen)));
      if (pulled.length === 0) break;
      await runBatch(deps, pulled, tally);
    }
  } catch (caught) {
    stoppedBy = 'failure';
    error = caught instanceof Error ? caught.message : String(caught);
    deps.log.error(`aggregator run failed; messages not acknowledged will be redelivered`, { errorKind: 'dependency', error });
  }
  const outcome = error === undefined ? 'ok' : 'failed';
  deps.metrics.count('aggregator_runs', { outcome });
  const lagSeconds = tally.oldest === undefined ? undefined : Math.max(0, (deps.now() - tally.oldest) / 1000);
  if (lagSeconds !== undefined) deps.metrics.gauge('aggregator_lag', {}, lagSeconds);
  return {
    outcome, batches: tally.batches, messages: { merged: tally.merged, duplicate: tally.duplicate, invalid: tally.invalid },
    requestsWritten: tally.requests, seriesWritten: tally.series, replayed: tally.replayed, srm: tally.srm, stoppedBy,
    ...(lagSeconds !== undefined ? { lagSeconds } : {}), ...(error !== undefined ? { error } : {}),
  };
}

async function step<T>(name: string, action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    throw new StepFailed(name, error);
  }
}

async function writeOutbox(deps: AggregatorDeps, id: string, series: Parameters<MetricWriter['write']>[0], tally: Tally): Promise<void> {
  try {
    await deps.writer.write(series);
  } catch (error) {
    await deps.store.failed(id).catch(() => undefined);
    throw new StepFailed('write to Cloud Monitoring', error);
  }
  tally.requests++;
  tally.series += series.length;
  deps.metrics.count('aggregator_series_written', {}, series.length);
  await step('clear the outbox', () => deps.store.written(id));
}

async function replayOutbox(deps: AggregatorDeps, tally: Tally): Promise<void> {
  const pending = await step('read the outbox', () => deps.store.pending());
  if (pending.length > 0) deps.log.warn('writing Monitoring requests a failed run left in the outbox', { requests: pending.length });
  for (const entry of pending) {
    await writeOutbox(deps, entry.id, entry.series, tally);
    tally.replayed++;
  }
}

function parse(pulled: PulledMessage): Candidate | string {
  if (pulled.id === '') return 'message without an id';
  let json: unknown;
  try {
    json = JSON.parse(pulled.data);
  } catch {
    return 'body is not JSON';
  }
  const parsed = MetricsMessageSchema.safeParse(json);
  if (!parsed.success) return parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('/') || '(message)'}: ${i.message}`).join('; ');
  return { id: pulled.id, publishTime: pulled.publishTime, message: parsed.data };
}

async function runBatch(deps: AggregatorDeps, pulled: readonly PulledMessage[], tally: Tally): Promise<void> {
  const ackIds = pulled.map((p) => p.ackId);
  try {
    const candidates: Candidate[] = [];
    let invalid = 0;
    for (const p of pulled) {
      const result = parse(p);
      if (typeof result !== 'string') candidates.push(result);
      else {
        // One line per batch, not per message: a broken publisher sends many.
        if (invalid === 0) deps.log.warn('invalid metrics message; acknowledged and dropped', { messageId: p.id, problem: result });
        invalid++;
      }
    }
    // Pub/Sub may hand the same message twice in one pull: it counts once.
    const unique = [...new Map(candidates.map((c) => [c.id, c])).values()];
    const experiments = experimentsIn(unique.map((c) => c.message));
    const weights = deps.flags && experiments.length > 0
      ? await experimentWeights(deps.flags, experiments, (environment, error) => deps.log.warn('flags unreadable; no SRM check this run', { environment, dependency: 'store', error: error instanceof Error ? error.message : String(error) }))
      : new Map();
    const now = deps.now();
    const committed = await step('commit rollups', () =>
      deps.store.commit({ messageIds: unique.map((c) => c.id), experiments }, (state) => planBatch(unique, state, { projectId: deps.projectId, now, weights })),
    );
    const { plan } = committed;
    for (const [i, id] of committed.outbox.entries()) await writeOutbox(deps, id, plan.requests[i]!, tally);
    await step('acknowledge', () => deps.source.ack(ackIds));
    const duplicate = pulled.length - invalid - plan.merged;
    tally.batches++;
    tally.merged += plan.merged;
    tally.duplicate += duplicate;
    tally.invalid += invalid;
    tally.srm.push(...plan.srm);
    if (plan.oldest !== undefined) tally.oldest = Math.min(tally.oldest ?? plan.oldest, plan.oldest);
    for (const [result, n] of [['merged', plan.merged], ['duplicate', duplicate], ['invalid', invalid]] as const) if (n > 0) deps.metrics.count('aggregator_messages', { result }, n);
    for (const s of plan.srm) if (s.mismatch) deps.log.warn('sample ratio mismatch', { environment: s.environment, experiment: s.experiment, pValue: s.pValue, chiSquared: s.chiSquared });
  } catch (error) {
    // Handed back at once rather than after the ack deadline; if that fails too, the deadline does it.
    await deps.source.nack(ackIds).catch(() => undefined);
    throw error;
  }
}
