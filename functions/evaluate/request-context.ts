// What every evaluate route does before evaluating: authenticate the SDK key, apply its rate
// limit, find its environment's snapshot, and read and enrich the context.

import { authenticate, type KeyVerifier, type Principal } from '../../shared/http/auth.ts';
import { problem, type Problem } from '../../shared/http/problem.ts';
import type { RateLimiter } from '../../shared/http/rate-limit.ts';
import type { HttpRequest } from '../../shared/http/types.ts';
import type { CompiledSnapshot, SnapshotCache } from '../../shared/cache/snapshot-cache.ts';
import { checkContext, type Context } from '../../shared/rules/index.ts';
import { enrichContext, type GeoHeaderMapping } from '../../shared/context/index.ts';

export type EvaluateDeps = {
  readonly keys: KeyVerifier;
  readonly limiter: RateLimiter;
  readonly snapshots: SnapshotCache;
  readonly now: () => number;
  readonly geoHeaders?: GeoHeaderMapping;
};

export type Admitted = { ok: true; principal: Extract<Principal, { kind: 'sdk' }>; snapshot: CompiledSnapshot; now: number } | { ok: false; problem: Problem; headers?: Record<string, string> };

export async function admit(request: HttpRequest, deps: EvaluateDeps): Promise<Admitted> {
  const auth = await authenticate(request, deps.keys, 'sdk');
  if (!auth.ok) return { ok: false, problem: auth.problem };
  const decision = await deps.limiter.take(auth.principal.keyId);
  if (!decision.allowed) {
    return { ok: false, problem: problem('RATE_LIMITED', `this key is over its request rate; retry after ${decision.retryAfterSeconds} s`), headers: { 'Retry-After': String(decision.retryAfterSeconds) } };
  }
  const snapshot = await deps.snapshots.get(auth.principal.environment);
  if (!snapshot) return { ok: false, problem: problem('UNAVAILABLE', `the flags of environment "${auth.principal.environment}" cannot be loaded`) };
  return { ok: true, principal: auth.principal, snapshot, now: deps.now() };
}

export type ContextResult = { ok: true; context: Context } | { ok: false; details: string; errors: { path: string; code: string; message: string }[] };

/** A client context within the limits, enriched from the request: what the client sent wins. */
export function prepareContext(raw: unknown, request: HttpRequest, now: number, deps: EvaluateDeps, prefix = '/context'): ContextResult {
  const client = raw === undefined ? {} : raw;
  const issues = checkContext(client);
  if (issues.length > 0) {
    return { ok: false, details: issues.map((i) => `${prefix}${i.path}: ${i.message}`).join('; '), errors: issues.map((i) => ({ ...i, path: `${prefix}${i.path}` })) };
  }
  return { ok: true, context: enrichContext(client as Context, { headers: request.headers }, { now, ...(deps.geoHeaders ? { geoHeaders: deps.geoHeaders } : {}) }) };
}
