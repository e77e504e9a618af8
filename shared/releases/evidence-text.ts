// A decision in words, for the comment of the flag write it makes (and so for the flag's history):
// the step, the weights, and each guard's figures, sample sizes and verdict.

import type { Decision, GuardEvidence } from './plan-record.ts';

const pct = (x: unknown) => (typeof x === 'number' ? `${(x * 100).toPrecision(3)}%` : 'n/a');

export function describeEvidence(e: GuardEvidence): string {
  const f = e.figures;
  switch (e.kind) {
    case 'rate':
      return `${e.guard} (${f.event} per exposure): treatment ${f.treatmentEvents}/${f.treatmentExposures} (${pct(f.treatmentRate)}) vs control ${f.controlEvents}/${f.controlExposures} (${pct(f.controlRate)}), ratio ${f.ratio ?? 'n/a'} against ${f.nullRatio}; mixture SPRT log LR ${f.logLikelihoodRatio} vs threshold ${f.threshold}: ${e.verdict}`;
    case 'mean':
      return `${e.guard} (mean ${f.event}): treatment ${f.treatmentMean ?? 'n/a'} (n=${f.treatmentCount}) vs control ${f.controlMean ?? 'n/a'} (n=${f.controlCount}), excess ${f.difference ?? 'n/a'}; mSPRT log LR ${f.logLikelihoodRatio ?? 'n/a'} vs threshold ${f.threshold}: ${e.verdict}`;
    case 'monitoring':
      return `${e.guard} (Monitoring): ${f.value ?? 'no data'} ${f.breachWhen} ${f.threshold}? ${f.consecutive}/${f.forMinutes} minutes: ${e.verdict}`;
  }
}

export function describeDecision(plan: { readonly id: string; readonly treatment: string }, d: Decision): string {
  const weights = d.weights ? Object.entries(d.weights).map(([v, w]) => `${v} ${w}%`).join(', ') : '';
  const head = `release ${plan.id} ${d.action}: step ${d.fromStep} -> ${d.toStep} (${weights}); ${d.reason}`;
  return [head, ...d.evidence.map(describeEvidence)].join(' | ').slice(0, 2000);
}
