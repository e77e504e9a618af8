// A release plan in words and figures for the plan view (pure): its status, each decision and
// each guard's evidence as sentences (figures, sample sizes, the verdict), and the guards' series
// over time for the charts, read from the decisions' recorded evidence and the last check.

export type Figures = Readonly<Record<string, number | string | null>>;
export type Evidence = { readonly guard: string; readonly kind: 'rate' | 'mean' | 'monitoring'; readonly verdict: 'ok' | 'breach' | 'insufficient'; readonly figures: Figures };
export type DecisionView = {
  readonly at: string;
  readonly action: string;
  readonly actor: string;
  readonly fromStep: number;
  readonly toStep: number;
  readonly weights?: Readonly<Record<string, number>> | undefined;
  readonly reason: string;
  readonly evidence: readonly Evidence[];
};
export type PlanView = {
  readonly status: string;
  readonly step: number;
  readonly steps: readonly { readonly weights: Readonly<Record<string, number>> }[];
  readonly treatment: string;
  readonly control: string;
  readonly guards: readonly { readonly id: string; readonly kind: string }[];
  readonly decisions: readonly DecisionView[];
  readonly lastCheck: { readonly at: string; readonly outcome: string; readonly evidence: readonly Evidence[] } | null;
  readonly pauseReason?: string | undefined;
};

const count = (n: unknown) => (typeof n === 'number' ? n.toLocaleString('en-US') : 'no');
const percent = (x: unknown) => (typeof x === 'number' ? `${Number((x * 100).toPrecision(3))}%` : 'no rate yet');
const plain = (x: unknown) => (typeof x === 'number' ? String(Number(x.toPrecision(4))) : 'none yet');

export const VERDICT_WORDS = { ok: 'healthy', breach: 'breached', insufficient: 'not enough data yet' } as const;

const STATUS_WORDS: Readonly<Record<string, string>> = {
  running: 'Running',
  paused: 'Paused',
  halted: 'Halted by a guard',
  completed: 'Completed',
  aborted: 'Aborted',
};

export const statusWords = (status: string) => STATUS_WORDS[status] ?? status;

/** `treatment 5%, control 95%` */
export function weightsWords(weights: Readonly<Record<string, number>> | undefined): string {
  return weights ? Object.entries(weights).map(([v, w]) => `${v} ${w}%`).join(', ') : '';
}

/** Where the plan stands: `Step 2 of 5 (treatment 5%, control 95%)`, or not started yet. */
export function stepWords(plan: PlanView): string {
  if (plan.step < 0) return `Not started: the next minute run applies step 1 of ${plan.steps.length}`;
  return `Step ${plan.step + 1} of ${plan.steps.length} (${weightsWords(plan.steps[plan.step]?.weights)})`;
}

/** One guard's evidence as a sentence a person can check. */
export function evidenceWords(e: Evidence): string {
  const f = e.figures;
  const verdict = VERDICT_WORDS[e.verdict];
  const evidence = `evidence of harm ${plain(f.logLikelihoodRatio)} of ${plain(f.threshold)} needed to halt`;
  switch (e.kind) {
    case 'rate':
      return `${e.guard}: "${f.event}" per exposure, treatment ${count(f.treatmentEvents)} in ${count(f.treatmentExposures)} exposures (${percent(f.treatmentRate)}), control ${count(f.controlEvents)} in ${count(f.controlExposures)} (${percent(f.controlRate)}); ratio ${plain(f.ratio)}, tolerated ${plain(f.nullRatio)}; ${evidence}: ${verdict}.`;
    case 'mean':
      return `${e.guard}: mean "${f.event}", treatment ${plain(f.treatmentMean)} over ${count(f.treatmentCount)} values, control ${plain(f.controlMean)} over ${count(f.controlCount)}; excess ${plain(f.difference)}; ${evidence}: ${verdict}.`;
    case 'monitoring':
      return `${e.guard}: Monitoring value ${f.value === null || f.value === undefined ? 'not available' : plain(f.value)}, halts ${f.breachWhen} ${plain(f.threshold)} for ${f.forMinutes} minutes (${f.consecutive} so far): ${verdict}.`;
  }
}

const ACTION_WORDS: Readonly<Record<string, (d: DecisionView) => string>> = {
  start: (d) => `Started at step 1 (${weightsWords(d.weights)})`,
  advance: (d) => `Advanced from step ${d.fromStep + 1} to step ${d.toStep + 1} (${weightsWords(d.weights)})`,
  complete: () => 'Completed: the last step held with healthy guards',
  halt: (d) => `Halted at step ${d.fromStep + 1}; weights rolled back to ${weightsWords(d.weights)}`,
  pause: () => 'Paused',
  resume: () => 'Resumed',
  abort: () => 'Aborted',
};

/** A decision's headline: what happened, and who or what decided it. */
export function decisionWords(d: DecisionView): string {
  const what = (ACTION_WORDS[d.action] ?? ((x: DecisionView) => x.action))(d);
  const who = d.actor.startsWith('release:') ? 'by the minute run' : `by ${d.actor}`;
  return `${what}, ${who}.`;
}

export type GuardSeries = {
  readonly guard: string;
  readonly kind: Evidence['kind'];
  readonly caption: string;
  readonly times: readonly number[];
  readonly values: readonly (number | null)[];
  readonly label: string;
  readonly threshold: { readonly value: number; readonly label: string } | undefined;
};

/**
 * Each guard over time: a rate or mean guard's evidence of harm (the log likelihood ratio the
 * plan halts at, drawn with that threshold); a Monitoring guard's value with its threshold. The
 * plan keeps the figures of its decisions (start, advance, halt, complete) and of its last check,
 * not of every hold, so the times are every decision's and the last check's, with no value where
 * a decision carried no figures (a start, a pause): the axis spans the plan's life.
 */
export function guardSeries(plan: PlanView): GuardSeries[] {
  const checks = [...plan.decisions, ...(plan.lastCheck ? [plan.lastCheck] : [])]
    .map((c) => ({ at: Date.parse(c.at), evidence: c.evidence }))
    .filter((c) => Number.isFinite(c.at))
    .sort((a, b) => a.at - b.at);
  // One point per instant; where two records share it, the one with figures wins.
  const byTime = new Map<number, (typeof checks)[number]>();
  for (const c of checks) if (c.evidence.length > 0 || !byTime.has(c.at)) byTime.set(c.at, c);
  const points = [...byTime.values()];
  return plan.guards.map((g) => {
    const found = points.map((p) => ({ at: p.at, e: p.evidence.find((e) => e.guard === g.id) }));
    const monitoring = g.kind === 'monitoring';
    // Below 0 the data favour the treatment: no evidence of harm, drawn at 0 (the words keep the figure).
    const value = (f: Figures | undefined) => {
      const v = monitoring ? f?.value : f?.logLikelihoodRatio;
      return typeof v !== 'number' ? null : monitoring ? v : Math.max(0, v);
    };
    const last = found.filter((p) => p.e !== undefined).at(-1)?.e?.figures;
    const threshold = typeof last?.threshold === 'number' ? { value: last.threshold, label: monitoring ? `Halts ${last.breachWhen} this` : 'Halts at this evidence' } : undefined;
    return {
      guard: g.id,
      kind: g.kind as Evidence['kind'],
      caption: monitoring ? `${g.id}: the Monitoring value at each check` : `${g.id}: evidence of harm (log likelihood ratio) at each check`,
      times: found.map((p) => p.at),
      values: found.map((p) => value(p.e?.figures)),
      label: monitoring ? 'value' : 'evidence of harm',
      threshold,
    };
  });
}

export type PlanSetup = {
  readonly treatment: string;
  readonly steps: readonly { readonly weights: Readonly<Record<string, number>>; readonly minHoldMinutes: number; readonly minSample: number }[];
  readonly guards: readonly { readonly id: string; readonly kind: string; readonly event?: string | undefined; readonly direction?: string | undefined; readonly tolerance?: number | undefined; readonly threshold?: number | undefined; readonly breachWhen?: string | undefined }[];
};

/** The ramp in words: `1% → 5% → 100% of treatment; each step held 10 min and 1,000 exposures per arm`. */
export function rampWords(plan: PlanSetup): string {
  const shares = plan.steps.map((s) => `${s.weights[plan.treatment] ?? 0}%`).join(' → ');
  const holds = new Set(plan.steps.map((s) => `${s.minHoldMinutes} min and ${s.minSample.toLocaleString('en-US')} exposures per arm`));
  return `${shares} of ${plan.treatment}; ${holds.size === 1 ? `each step held at least ${[...holds][0]}` : `steps held at least ${plan.steps.map((s) => `${s.minHoldMinutes} min`).join(', ')}`}`;
}

/** A guard as set up: `errors: "error" per exposure may rise 10%` or `p99: Monitoring value halts above 0.5`. */
export function guardSetupWords(g: PlanSetup['guards'][number]): string {
  if (g.kind === 'monitoring') return `${g.id}: a Monitoring value, halts ${g.breachWhen ?? 'above'} ${g.threshold}`;
  const what = g.kind === 'mean' ? `the mean of "${g.event}"` : `"${g.event}" per exposure`;
  const move = g.direction === 'decrease' ? 'fall' : 'rise';
  return `${g.id}: ${what} may ${move} ${Number(((g.tolerance ?? 0) * 100).toPrecision(3))}% against control`;
}

/** Steering allowed in each status: pause a running plan, resume a paused one, abort either. */
export function steersFor(status: string): readonly ('pause' | 'resume' | 'abort')[] {
  if (status === 'running') return ['pause', 'abort'];
  if (status === 'paused') return ['resume', 'abort'];
  return [];
}

/** A refused steer or cancel in plain words: a 412 means the record moved since it was loaded. */
export function refusalWords(status: number, detail: string, what: 'release' | 'schedule'): string {
  if (status === 412) return `This ${what} changed since you loaded it (the minute run or someone else moved it). Reload it, check where it stands, and try again.`;
  if (status === 403) return `Your key may only read: ask an admin for a key with the editor role to steer ${what}s.`;
  if (status === 0) return 'Switchyard could not be reached. Check your connection and try again.';
  if (status === 404) return `This ${what} no longer exists. Reload the list.`;
  return detail.length > 0 ? `${detail.charAt(0).toUpperCase()}${detail.slice(1)}.` : `The ${what} could not be changed (${status}).`;
}
