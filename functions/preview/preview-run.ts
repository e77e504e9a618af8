// Previewing a compiled flag over test users: each user's result (with its trace on request) and
// a distribution summary by variant, reason and rule.

import { enrichContext } from '../../shared/context/index.ts';
import type { WorkDeadline } from '../../shared/http/work-deadline.ts';
import { checkContext, evaluate, type CompiledFlag, type Context, type Evaluation, type Trace } from '../../shared/rules/index.ts';
import { redactTrace } from './redact.ts';

export type UserResult = Record<string, unknown> & { readonly index: number; readonly reason: Evaluation['reason'] };

export type Share = { readonly count: number; readonly share: number };

export type PreviewSummary = {
  readonly users: number;
  readonly variants: readonly ({ readonly variant: string } & Share)[];
  readonly reasons: readonly ({ readonly reason: string } & Share)[];
  /** Users each rule served, in rule order, zero included. */
  readonly rules: readonly ({ readonly ruleId: string; readonly index: number } & Share)[];
};

export type PreviewOptions = { readonly now: number; readonly trace: boolean };

const share = (count: number, total: number): Share => ({ count, share: total === 0 ? 0 : Math.round((count / total) * 10_000) / 10_000 });

/** One user as the evaluate function would see it: checked, then given the time attributes of `now`. */
export function evaluateUser(flag: CompiledFlag, raw: unknown, options: PreviewOptions): Evaluation & { readonly errors?: readonly unknown[] } {
  const issues = checkContext(raw);
  if (issues.length > 0) {
    return { reason: 'ERROR', flagKey: flag.key, errorCode: 'INVALID_CONTEXT', errorMessage: issues.map((i) => `${i.path || '(context)'}: ${i.message}`).join('; '), errors: issues };
  }
  // The admin's own request headers describe none of the test users: only time is derived.
  const context: Context = enrichContext(raw as Context, { headers: {} }, { now: options.now });
  return evaluate(flag, context, { now: options.now, trace: options.trace });
}

function resultOf(index: number, result: ReturnType<typeof evaluateUser>, privateAttributes: readonly string[]): UserResult {
  // unitMissing is for the edge's OFREP mapping; the preview's trace notes the same in words.
  const { flagKey: _flagKey, trace, unitMissing: _unitMissing, ...rest } = result as typeof result & { trace?: Trace; unitMissing?: unknown };
  const out: UserResult = { index, ...rest };
  if (trace !== undefined) out.trace = privateAttributes.length > 0 ? redactTrace(trace, privateAttributes) : trace;
  return out;
}

export type PreviewOutcome = { ok: true; results: UserResult[]; summary: PreviewSummary } | { ok: false; done: number };

/** Every user's result and the summary, or how many were done when `deadline` passed (checked before each user). */
export function previewUsers(flag: CompiledFlag, users: readonly unknown[], options: PreviewOptions, deadline?: WorkDeadline): PreviewOutcome {
  const privateAttributes = flag.doc.privateAttributes ?? [];
  const variants = new Map<string, number>();
  const reasons = new Map<string, number>();
  const rules = new Map<string, number>((flag.doc.rules ?? []).map((r) => [r.id, 0]));
  const results: UserResult[] = new Array(users.length);
  for (let i = 0; i < users.length; i++) {
    if (deadline?.expired()) return { ok: false, done: i };
    const result = evaluateUser(flag, users[i], options);
    results[i] = resultOf(i, result, privateAttributes);
    reasons.set(result.reason, (reasons.get(result.reason) ?? 0) + 1);
    if ('variant' in result) variants.set(result.variant, (variants.get(result.variant) ?? 0) + 1);
    if ('ruleId' in result) rules.set(result.ruleId, (rules.get(result.ruleId) ?? 0) + 1);
  }
  const n = users.length;
  const summary: PreviewSummary = {
    users: n,
    variants: [...variants].sort((a, b) => b[1] - a[1]).map(([variant, count]) => ({ variant, ...share(count, n) })),
    reasons: [...reasons].sort((a, b) => b[1] - a[1]).map(([reason, count]) => ({ reason, ...share(count, n) })),
    rules: (flag.doc.rules ?? []).map((r, index) => ({ ruleId: r.id, index, ...share(rules.get(r.id) ?? 0, n) })),
  };
  return { ok: true, results, summary };
}
