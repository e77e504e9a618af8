// The release step of the minute run: due scheduled changes first (a human's intent), then every
// running plan, decided in pure code (decide-step.ts, decide-schedule.ts) and written with one
// commit per environment (release-store.ts). Figures come from the aggregator's rollups of
// complete minutes; Monitoring guards are read through one injected function.

import { runGoldenTests, type GoldenFailure } from '../authoring/golden-tests.ts';
import { checkDocument } from '../authoring/document-checks.ts';
import type { FlagMinute } from '../aggregate/rollup-store.ts';
import { parseWithSchema, type AttributeDefinition, type Flag, type Segment } from '../rules/index.ts';
import { FlagSchema } from '../rules/schema.ts';
import { decideSchedule, scheduleActor } from '../schedules/decide-schedule.ts';
import type { ScheduleRecord } from '../schedules/schedule-schema.ts';
import type { FlagStore } from '../store/ports.ts';
import type { Logger } from '../telemetry/logger.ts';
import type { MetricsRecorder } from '../telemetry/recorder.ts';
import { decideStep, MINUTE_MS, pausedByRun, releaseActor } from './decide-step.ts';
import type { MinuteFigures } from './guard-check.ts';
import type { PlanRecord } from './plan-record.ts';
import type { MonitoringGuard } from './plan-schema.ts';
import type { BatchItem, ReleaseStore } from './release-store.ts';
import { audienceOf, splitWeights, withWeights } from './weights.ts';

/** The latest value of a Monitoring guard's series; undefined when there is none (the guard then holds the plan). */
export type GuardReader = (guard: MonitoringGuard, now: number) => Promise<number | undefined>;

export type ReleaseRunDeps = {
  readonly releases: ReleaseStore;
  readonly flags: FlagStore;
  /** Every flag's rollup minutes of an environment in [from, to) (RollupStore.environmentMinutes). */
  readonly figures: (environment: string, from: number, to: number) => Promise<readonly FlagMinute[]>;
  readonly monitoring?: GuardReader;
  readonly metrics: MetricsRecorder;
  readonly log: Pick<Logger, 'info' | 'warn' | 'error'>;
  readonly now: () => number;
  /** A minute is folded once this long has passed after its end (instances' intervals, the merge). */
  readonly settleMs?: number;
  /** No environment is started after this long. */
  readonly budgetMs?: number;
  /** Tells evaluate instances an environment moved (the change feed), after a commit that wrote flags. */
  readonly announce?: (environment: string) => Promise<void>;
};

export type ReleaseRunReport = {
  readonly environments: number;
  readonly plans: number;
  readonly schedules: number;
  readonly decisions: readonly { readonly environment: string; readonly flag: string; readonly plan: string; readonly action: string; readonly reason: string }[];
  readonly applied: readonly { readonly environment: string; readonly flag: string; readonly schedule: string; readonly status: string; readonly reason?: string }[];
  readonly conflicts: number;
  readonly deferred: number;
  readonly ms: number;
};

type Tally = { decisions: ReleaseRunReport['decisions'][number][]; applied: ReleaseRunReport['applied'][number][]; conflicts: number; deferred: number };

/** Minutes folded at most in one check (the environment's read spans no more). */
export const MAX_FOLD_MINUTES = 60;

type Minutes = { readonly to: number; readonly byFlag: ReadonlyMap<string, readonly FlagMinute[]> };

/** Environments stepped at once; within one, plans' figures are read 16 at a time. */
export const ENVIRONMENTS_IN_FLIGHT = 4;

/** At most this many items, and about this many bytes, per commit (Firestore takes 10 MiB per commit). */
export const COMMIT_ITEMS = 100;
export const COMMIT_BYTES = 6 * 1024 * 1024;

/** A flag step writes the document, its history entry and an audit entry with the diff: about three copies. */
const bytesOf = (item: BatchItem) => JSON.stringify(item.record).length + (item.write ? 3 * JSON.stringify(item.write.document).length : 0);

function chunksOf(items: readonly BatchItem[]): BatchItem[][] {
  const chunks: BatchItem[][] = [];
  let current: BatchItem[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = bytesOf(item);
    if (current.length > 0 && (current.length >= COMMIT_ITEMS || bytes + size > COMMIT_BYTES)) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

const floorMinute = (ms: number) => Math.floor(ms / MINUTE_MS) * MINUTE_MS;

function figuresOf(rows: readonly FlagMinute[]): MinuteFigures[] {
  return rows.map((r) => ({ minute: r.minute, exposures: r.splits ?? {}, events: r.events ?? {}, values: r.values ?? {} }));
}

const goldenText = (failures: readonly GoldenFailure[]) => failures.slice(0, 3).map((f) => `${f.name ?? `test ${f.index}`}: expected "${f.expected}", got ${f.got === null ? 'an error' : `"${f.got}"`}`).join('; ');

/** Runs `work` over `items`, at most `limit` at a time. */
async function eachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]!);
  }));
}

type Scope = { flags: Map<string, Flag>; references: { segments: Record<string, Segment>; flags: Record<string, Flag> }; attributes: () => Promise<readonly AttributeDefinition[]> };

async function scheduleItem(s: ScheduleRecord, scope: Scope, now: number, tally: Tally): Promise<BatchItem> {
  const flag = scope.flags.get(s.flag);
  const outcome = decideSchedule(s, flag && { version: flag.version ?? 0, document: flag }, now);
  const at = new Date(now).toISOString();
  const refuse = (reason: string): BatchItem => {
    tally.applied.push({ environment: s.environment, flag: s.flag, schedule: s.id, status: 'refused', reason });
    return { kind: 'schedule', record: { ...s, status: 'refused', reason, updatedAt: at } };
  };
  if (outcome.kind === 'refuse') return refuse(outcome.reason);
  if (outcome.kind === 'not_due') throw new Error(`schedule ${s.id} is not due`);
  // Checked as a PUT is, by the same check: the document now, against the environment now.
  const { errors, failures } = checkDocument('flags', outcome.document, { ...scope.references, attributes: await scope.attributes() }, now);
  if (errors.length > 0) return refuse(`the change would make the flag invalid: ${errors[0]!.path} ${errors[0]!.message}`);
  if (failures.length > 0) return refuse(`the flag's golden tests would fail: ${goldenText(failures)}`);
  const parsed = parseWithSchema(FlagSchema, outcome.document);
  if (!parsed.ok) return refuse(`the change is not a valid flag: ${parsed.issues[0]?.path} ${parsed.issues[0]?.message}`);
  const version = (flag?.version ?? 0) + 1;
  tally.applied.push({ environment: s.environment, flag: s.flag, schedule: s.id, status: 'applied' });
  return { kind: 'schedule', record: { ...s, status: 'applied', appliedVersion: version, updatedAt: at }, write: { key: s.flag, ifMatch: flag?.version ?? 0, document: parsed.value, actor: scheduleActor(s.id), comment: outcome.comment } };
}

/** Minutes not yet folded by a plan, from [from, to) of the environment's read. */
function foldFrom(plan: PlanRecord, to: number): number {
  const from = plan.foldedThrough !== null ? plan.foldedThrough + MINUTE_MS : floorMinute(plan.stepStartedAt ?? Date.parse(plan.createdAt));
  // A plan that missed many runs (paused, or the scheduler stopped) folds the last hour at most.
  return Math.max(from, to - MAX_FOLD_MINUTES * MINUTE_MS);
}

async function planItem(deps: ReleaseRunDeps, plan: PlanRecord, scope: Scope, minutes: Minutes, now: number, tally: Tally): Promise<BatchItem | undefined> {
  const flag = scope.flags.get(plan.flag);
  const split = flag ? splitWeights(flag, plan.ruleId) : undefined;
  const from = foldFrom(plan, minutes.to);
  const rows = plan.step >= 0 ? (minutes.byFlag.get(plan.flag) ?? []).filter((m) => m.minute >= from) : [];
  const monitoring: Record<string, number | undefined> = {};
  for (const guard of plan.guards) {
    if (guard.kind !== 'monitoring') continue;
    monitoring[guard.id] = await (deps.monitoring?.(guard, now) ?? Promise.resolve(undefined)).catch((error: unknown) => {
      deps.log.warn('a Monitoring guard could not be read; the plan holds', { environment: plan.environment, flag: plan.flag, release: plan.id, guard: guard.id, dependency: 'monitoring', error: error instanceof Error ? error.message : String(error) });
      return undefined;
    });
  }
  const outcome = decideStep(plan, { now, minutes: figuresOf(rows), monitoring, flag: { version: flag?.version ?? 0, weights: split?.ok ? split.weights : undefined, ...(flag ? { audience: audienceOf(flag, plan.ruleId) } : {}) } });
  if (outcome.decision) tally.decisions.push({ environment: plan.environment, flag: plan.flag, plan: plan.id, action: outcome.decision.action, reason: outcome.decision.reason });
  if (outcome.kind === 'plan_only') return outcome.plan === plan ? undefined : { kind: 'plan', record: outcome.plan };
  const document = flag && withWeights(flag, plan.ruleId, outcome.weights);
  if (!document) return undefined;
  const failures = runGoldenTests(document, scope.references, now);
  if (failures.length > 0) {
    const reason = `the step to ${JSON.stringify(outcome.weights)} would fail the flag's golden tests (${goldenText(failures)}); paused`;
    tally.decisions[tally.decisions.length - 1] = { environment: plan.environment, flag: plan.flag, plan: plan.id, action: 'pause', reason };
    return { kind: 'plan', record: pausedByRun(plan, reason, now) };
  }
  return { kind: 'plan', record: outcome.plan, write: { key: plan.flag, ifMatch: outcome.decision.fromFlagVersion, document, actor: releaseActor(plan.id), comment: outcome.comment } };
}

async function runEnvironment(deps: ReleaseRunDeps, environment: string, plans: readonly PlanRecord[], schedules: readonly ScheduleRecord[], now: number, tally: Tally): Promise<void> {
  const snapshot = await deps.flags.snapshot(environment);
  const flags = new Map((snapshot?.flags ?? []).map((f) => [f.key, f]));
  let attributes: Promise<readonly AttributeDefinition[]> | undefined;
  const scope: Scope = {
    flags,
    references: { segments: Object.fromEntries((snapshot?.segments ?? []).map((s) => [s.key, s])), flags: Object.fromEntries(flags) },
    attributes: () => (attributes ??= deps.flags.attributes(environment)),
  };
  // One read of the environment's rollups for all its plans, from the earliest minute any still needs.
  const to = floorMinute(now - (deps.settleMs ?? MINUTE_MS));
  const started = plans.filter((p) => p.step >= 0);
  const from = started.length > 0 ? Math.min(...started.map((p) => foldFrom(p, to))) : to;
  const rows = from < to ? await deps.figures(environment, from, to) : [];
  const byFlag = new Map<string, FlagMinute[]>();
  for (const row of rows) byFlag.set(row.flag, [...(byFlag.get(row.flag) ?? []), row]);
  const minutes: Minutes = { to, byFlag };
  const items: BatchItem[] = [];
  // One write per flag per run: a second item on a flag waits for the next run, which decides it
  // against the flag as the first left it.
  const written = new Set<string>();
  const keep = (item: BatchItem | undefined) => {
    if (!item) return;
    if (item.write && written.has(item.write.key)) return void tally.deferred++;
    if (item.write) written.add(item.write.key);
    items.push(item);
  };
  for (const s of [...schedules].sort((a, b) => a.dueAt - b.dueAt)) keep(await scheduleItem(s, scope, now, tally));
  const decided: (BatchItem | undefined)[] = new Array(plans.length);
  await eachLimited(plans.map((p, i) => [p, i] as const), 16, async ([plan, i]) => void (decided[i] = await planItem(deps, plan, scope, minutes, now, tally)));
  for (const item of decided) keep(item);
  if (items.length === 0) return;
  // One commit per environment, in chunks that stay far inside Firestore's commit size (a plan
  // record is a few KB to ~100 KB with its decisions): the environment's version document takes
  // one write per chunk that moves flags, never one per plan.
  const results = [];
  for (const chunk of chunksOf(items)) results.push(...(await deps.releases.commit(environment, chunk)));
  results.forEach((result, i) => {
    const item = items[i]!;
    if (!result.ok) {
      tally.conflicts++;
      deps.log.info('a release or schedule item met a change since it was read; the next run decides it again', { environment, flag: item.record.flag, item: item.record.id, on: result.on });
      return;
    }
    if (item.kind === 'plan' && item.record.status === 'halted' && item.write) {
      const decision = item.record.decisions.at(-1)!;
      deps.metrics.count('release_halts', { environment, flag: item.record.flag });
      deps.log.warn('release halted: a guard breached; weights rolled back', { environment, flag: item.record.flag, release: item.record.id, fromStep: decision.fromStep, weights: decision.weights, flagVersion: result.flagVersion, reason: decision.reason, evidence: decision.evidence });
    }
  });
  if (results.some((r, i) => r.ok && items[i]!.write)) await deps.announce?.(environment).catch(() => undefined);
}

export async function runReleases(deps: ReleaseRunDeps): Promise<ReleaseRunReport> {
  const started = deps.now();
  const { plans, schedules } = await deps.releases.active(started);
  const environments = [...new Set([...plans.map((p) => p.environment), ...schedules.map((s) => s.environment)])].sort();
  const tally: Tally = { decisions: [], applied: [], conflicts: 0, deferred: 0 };
  const running = new Map<string, number>();
  for (const p of plans) running.set(p.environment, (running.get(p.environment) ?? 0) + 1);
  // Environments are independent (each has its own version document): a few at a time.
  await eachLimited(environments, ENVIRONMENTS_IN_FLIGHT, async (environment) => {
    if (deps.budgetMs !== undefined && deps.now() - started >= deps.budgetMs) {
      deps.log.warn('release step out of time; this environment waits for the next run', { environment });
      return;
    }
    try {
      await runEnvironment(deps, environment, plans.filter((p) => p.environment === environment), schedules.filter((s) => s.environment === environment), deps.now(), tally);
    } catch (error) {
      // One environment's failure (its store, its Monitoring) never stops the others.
      deps.log.error('release step failed for an environment; it is decided again next run', { environment, errorKind: 'dependency', error: error instanceof Error ? error.message : String(error) });
    }
  });
  // Plans that stopped running in this run leave the count, so an environment whose last plan ended shows 0.
  for (const d of tally.decisions) if (d.action === 'halt' || d.action === 'complete' || d.action === 'pause') running.set(d.environment, (running.get(d.environment) ?? 1) - 1);
  for (const [environment, n] of running) deps.metrics.gauge('releases_running', { environment }, Math.max(0, n));
  return { environments: environments.length, plans: plans.length, schedules: schedules.length, decisions: tally.decisions, applied: tally.applied, conflicts: tally.conflicts, deferred: tally.deferred, ms: deps.now() - started };
}
