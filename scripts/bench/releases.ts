// Safe releases (issue 17), simulated on a seeded clock through the real decision code
// (shared/releases/decide-step.ts): the false-halt rate with no true difference over a week of
// per-minute checks, the minutes to halt a 2x and a 1.2x regression at a stated traffic, and the
// time of one minute run's release step for 1,000 running plans (embedded stores, and the Firestore
// emulator when its address is exported). Prints one JSON object.
// Run: npm run bench:releases (BENCH_RUNS lowers or raises the number of simulated plans).

import { createFirestoreRollupStore } from '../../shared/aggregate/firestore-rollup-store.ts';
import { createMemoryRollupStore } from '../../shared/aggregate/memory-rollup-store.ts';
import type { RollupStore } from '../../shared/aggregate/rollup-store.ts';
import { createFirestoreReleaseStore } from '../../shared/releases/firestore-release-store.ts';
import type { ReleaseStore } from '../../shared/releases/release-store.ts';
import { createFirestoreStores } from '../../shared/store/firestore/index.ts';
import { layout } from '../../shared/store/firestore/layout.ts';
import type { AdminStores } from '../../shared/store/ports.ts';
import { decideStep, MINUTE_MS, type Observations } from '../../shared/releases/decide-step.ts';
import { createMemoryReleaseStore } from '../../shared/releases/memory-release-store.ts';
import { runReleases } from '../../shared/releases/release-run.ts';
import { createMemoryStore } from '../../shared/store/memory-store.ts';
import { createMetricsRecorder } from '../../shared/telemetry/recorder.ts';
import type { MinuteFigures } from '../../shared/releases/guard-check.ts';
import { newPlan } from '../../shared/releases/plan-lifecycle.ts';
import type { PlanRecord } from '../../shared/releases/plan-record.ts';
import { PlanInputSchema } from '../../shared/releases/plan-schema.ts';
import { FlagSchema } from '../../shared/rules/schema.ts';
import { mulberry32 } from '../../shared/seeded-random.ts';

process.env.METADATA_SERVER_DETECTION = 'none';
const RUNS = Number(process.env.BENCH_RUNS ?? 200);
const WEEK = 7 * 24 * 60;
const START = Date.parse('2026-03-02T00:00:00Z');
/** The stated traffic: exposures of the flag's rule per minute, the baseline error rate per exposure. */
const TRAFFIC = { exposuresPerMinute: 1000, baselineRate: 0.01, treatmentShare: 0.25 };
const ALPHA = 0.05;

function poisson(random: () => number, mean: number): number {
  if (mean > 60) {
    const z = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    return Math.max(0, Math.round(mean + Math.sqrt(mean) * z));
  }
  let k = 0;
  let p = Math.exp(-mean);
  let s = p;
  const u = random();
  while (u > s) { k++; p *= mean / k; s += p; }
  return k;
}

function binomial(random: () => number, n: number, p: number): number {
  const mean = n * p;
  const sd = Math.sqrt(n * p * (1 - p));
  if (sd > 8) return Math.min(n, Math.max(0, Math.round(mean + sd * Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random()))));
  let k = 0;
  for (let i = 0; i < n; i++) if (random() < p) k++;
  return k;
}

const flag = FlagSchema.parse({ key: 'checkout', enabled: true, variants: { treatment: true, control: false }, offVariant: 'control', defaultVariant: 'control', rules: [{ id: 'ramp', serve: { rollout: { split: [{ variant: 'treatment', weight: 0 }, { variant: 'control', weight: 100 }] } } }] });

/** A plan that holds one step (the stated treatment share) for longer than the simulation. */
function heldPlan(id: string): PlanRecord {
  const share = TRAFFIC.treatmentShare * 100;
  const input = PlanInputSchema.parse({
    ruleId: 'ramp', control: 'control', treatment: 'treatment', alpha: ALPHA,
    steps: [{ weights: { treatment: share, control: 100 - share }, minHoldMinutes: WEEK, minSample: 0 }, { weights: { treatment: 100, control: 0 } }],
    guards: [{ id: 'errors', kind: 'rate', event: 'error', direction: 'increase', tolerance: 0 }],
  });
  const made = newPlan(input, { id, environment: 'production', flag, flagVersion: 1, actor: 'bench', now: START });
  if (!made.ok) throw new Error(made.message);
  return made.plan;
}

function minuteOf(random: () => number, minute: number, weights: Record<string, number>, lift: number): MinuteFigures {
  const t = binomial(random, TRAFFIC.exposuresPerMinute, (weights.treatment ?? 0) / 100);
  const c = TRAFFIC.exposuresPerMinute - t;
  return { minute, exposures: { treatment: t, control: c }, events: { error: { treatment: poisson(random, t * TRAFFIC.baselineRate * lift), control: poisson(random, c * TRAFFIC.baselineRate) } }, values: {} };
}

/** Minutes from the step's start to its halt, or undefined if it ran the week without one. */
function minutesToHalt(seed: number, lift: number): number | undefined {
  const random = mulberry32(seed);
  let plan = heldPlan(`p${seed}`);
  let version = 1;
  let weights: Record<string, number> = plan.initialWeights;
  for (let m = 0; m < WEEK; m++) {
    const now = START + m * MINUTE_MS;
    const obs: Observations = { now, minutes: m === 0 ? [] : [minuteOf(random, now - MINUTE_MS, weights, lift)], monitoring: {}, flag: { version, weights } };
    const outcome = decideStep(plan, obs);
    plan = outcome.plan;
    if (outcome.kind === 'flag_write') {
      version++;
      weights = outcome.weights;
    }
    if (plan.status === 'halted') return m;
  }
  return undefined;
}

const quantile = (sorted: readonly number[], q: number) => (sorted.length === 0 ? null : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!);

function wilson(k: number, n: number): [number, number] {
  const z = 1.96;
  const p = k / n;
  const centre = (p + (z * z) / (2 * n)) / (1 + (z * z) / n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / (1 + (z * z) / n);
  return [Number(Math.max(0, centre - half).toFixed(4)), Number(Math.min(1, centre + half).toFixed(4))];
}

function haltStudy(lift: number, runs: number, seedBase: number) {
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t = minutesToHalt(seedBase + r, lift);
    if (t !== undefined) times.push(t);
  }
  times.sort((a, b) => a - b);
  return { runs, halted: times.length, haltedShare: Number((times.length / runs).toFixed(4)), minutesMedian: quantile(times, 0.5), minutesP90: quantile(times, 0.9), minutesMax: times.at(-1) ?? null };
}

/** One minute run's decisions for 1,000 running plans, each with a new minute of data. */
function decideThousand(rounds: number) {
  const random = mulberry32(99);
  const plans = Array.from({ length: 1000 }, (_, i) => {
    let p = heldPlan(`run${i}`);
    p = decideStep(p, { now: START, minutes: [], monitoring: {}, flag: { version: 1, weights: p.initialWeights } }).plan;
    return p;
  });
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const now = START + (r + 2) * MINUTE_MS;
    const inputs = plans.map((p) => ({ now, minutes: [minuteOf(random, now - MINUTE_MS, p.steps[0]!.weights, 1)], monitoring: {}, flag: { version: 2, weights: p.steps[0]!.weights } }));
    const started = performance.now();
    for (const [i, p] of plans.entries()) decideStep(p, inputs[i]!);
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return { plans: 1000, rounds, msMedian: Number(quantile(samples, 0.5)!.toFixed(2)), msP95: Number(quantile(samples, 0.95)!.toFixed(2)) };
}

type Backend = { readonly name: string; readonly stores: AdminStores; readonly releases: ReleaseStore; readonly rollups: RollupStore; readonly close: () => Promise<void> };

function memoryBackend(now: () => number): Backend {
  const stores = createMemoryStore({ environments: {}, keys: [] }, { now });
  return { name: 'embedded (memory)', stores, releases: createMemoryReleaseStore({ flags: stores.documents.flags, environmentExists: async (e) => (await stores.flags.version(e)) !== undefined }), rollups: createMemoryRollupStore(), close: async () => undefined };
}

/** On the Firestore emulator when its address is exported (node scripts/services/start.ts): slower than Firestore itself per call, but the same calls. */
async function firestoreBackend(now: () => number): Promise<Backend | undefined> {
  if (!process.env.FIRESTORE_EMULATOR_HOST) return undefined;
  const { Firestore } = await import('@google-cloud/firestore');
  const projectId = process.env.GOOGLE_CLOUD_PROJECT ?? 'demo-switchyard';
  await fetch(`http://${process.env.FIRESTORE_EMULATOR_HOST}/emulator/v1/projects/${projectId}/databases/(default)/documents`, { method: 'DELETE' });
  const db = new Firestore({ projectId, ignoreUndefinedProperties: true });
  return { name: 'Firestore emulator', stores: createFirestoreStores(db, { now }), releases: createFirestoreReleaseStore(db, layout(db), now), rollups: createFirestoreRollupStore(db, { now }), close: () => db.terminate() };
}

/**
 * The whole release step of one minute run: 1,000 running plans on 1,000 flags in 10
 * environments, each with a minute of rollups to fold; commits per environment.
 */
async function runThousand(rounds: number, make: (now: () => number) => Backend | Promise<Backend | undefined>) {
  let now = START;
  const backend = await make(() => now);
  if (!backend) return undefined;
  const { stores, releases, rollups } = backend;
  const environments = Array.from({ length: 10 }, (_, e) => `env-${e}`);
  for (const env of environments) {
    await stores.environments.create({ key: env }, { actor: 'bench' });
    const imported = await stores.imports.importDocuments(env, { flags: Array.from({ length: 100 }, (_, f) => ({ ...flag, key: `flag-${f}` })) }, { ifMatch: 1, actor: 'bench' });
    if (!imported.ok) throw new Error(`import: ${imported.reason}`);
    const created = await Promise.all(Array.from({ length: 100 }, (_, f) => releases.createPlan({ ...heldPlan(`p${f}`), environment: env, flag: `flag-${f}`, flagVersion: 1 })));
    if (created.some((c) => !c.ok)) throw new Error('plan creation failed');
  }
  const random = mulberry32(7);
  const deps = { releases, flags: stores.flags, figures: rollups.environmentMinutes, metrics: createMetricsRecorder(), log: { info: () => undefined, warn: () => undefined, error: (m: string, f?: unknown) => console.error(m, f) }, now: () => now, settleMs: 0 };
  await runReleases(deps); // every plan starts: its first step written
  const samples: number[] = [];
  const running: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const minute = now;
    const flagMinutes = environments.flatMap((environment) => Array.from({ length: 100 }, (_, f) => {
      const m = minuteOf(random, minute, { treatment: TRAFFIC.treatmentShare * 100 }, 1);
      return { environment, flag: `flag-${f}`, minute, evaluations: 1000, errors: 0, variants: {}, reasons: {}, rules: {}, splits: m.exposures, events: m.events };
    }));
    for (let i = 0; i < flagMinutes.length; i += 250) await rollups.commit({ messageIds: [`r${r}-${i}`], experiments: [] }, () => ({ flagMinutes: flagMinutes.slice(i, i + 250), experiments: [], requests: [], watermark: undefined }));
    now += MINUTE_MS;
    const started = performance.now();
    const report = await runReleases(deps);
    samples.push(performance.now() - started);
    running.push(report.plans);
  }
  await backend.close();
  samples.sort((a, b) => a - b);
  // A few plans may halt falsely during the rounds (alpha 0.05 each): the figure is for those still running.
  return { plans: 1000, runningPerRound: running, environments: environments.length, rounds, store: backend.name, msMedian: Number(quantile(samples, 0.5)!.toFixed(1)), msMax: Number(samples.at(-1)!.toFixed(1)) };
}

const started = performance.now();
const nullStudy = haltStudy(1, RUNS, 1_000);
const falseHalts = { ...nullStudy, budget: 0.05, wilson95: wilson(nullStudy.halted, RUNS), withinBudget: nullStudy.haltedShare <= 0.05 };
const result = {
  bench: 'releases',
  method: 'conditional Poisson mixture SPRT per rate guard (shared/releases/README.md), alpha 0.05, tolerance 0, checked every simulated minute',
  traffic: { ...TRAFFIC, note: 'exposures of the rule per minute; the treatment share held for the whole simulation; errors Poisson per exposure' },
  falseHaltOverAWeek: falseHalts,
  regression2x: haltStudy(2, Math.min(RUNS, 200), 50_000),
  regression1_2x: haltStudy(1.2, Math.min(RUNS, 200), 90_000),
  decideThousandPlans: decideThousand(20),
  minuteRunThousandPlans: await runThousand(5, memoryBackend),
  minuteRunThousandPlansFirestore: (await runThousand(3, firestoreBackend)) ?? 'not run: export the emulators (node scripts/services/start.ts) to measure',
  seconds: Number(((performance.now() - started) / 1000).toFixed(1)),
};
console.log(JSON.stringify(result, null, 2));
