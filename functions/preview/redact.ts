// Redaction of traces beyond the core's exact matches: a private attribute hides everything
// under it too, so `privateAttributes: ["geo"]` also hides what `geo.city` clauses saw.

import type { Trace, TraceStep } from '../../shared/rules/index.ts';

const REDACTED = '[redacted]';

function isUnder(attr: string, privateAttributes: readonly string[]): boolean {
  return privateAttributes.some((p) => attr === p || attr.startsWith(`${p}.`));
}

function redactStep(step: TraceStep, privateAttributes: readonly string[]): TraceStep {
  if (step.kind === 'split') return isUnder(step.by, privateAttributes) && step.unit !== REDACTED ? { ...step, unit: REDACTED } : step;
  if (step.kind !== 'rule') return step;
  const clauses = step.clauses.map((c) => (c.kind === 'clause' && c.attr !== undefined && c.seen !== undefined && c.seen !== REDACTED && isUnder(c.attr, privateAttributes) ? { ...c, seen: REDACTED } : c));
  return { ...step, clauses };
}

export function redactTrace(trace: Trace, privateAttributes: readonly string[]): Trace {
  return trace.map((step) => redactStep(step, privateAttributes));
}
