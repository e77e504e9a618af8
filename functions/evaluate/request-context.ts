// What every evaluate route does before evaluating: authenticate the SDK key, apply its rate
// limit, find its environment's snapshot, and read and enrich the context.

import { authenticate, originRefusal, UNAUTHORIZED, type KeyLookup } from '../../shared/http/auth.ts';
import type { Principal } from '../../shared/store/api-keys.ts';
import { problem, type Problem } from '../../shared/http/problem.ts';
import type { RateLimiter } from '../../shared/http/rate-limit.ts';
import { then, type MaybePromise } from '../../shared/http/maybe-async.ts';
import type { HttpRequest } from '../../shared/http/types.ts';
import type { CompiledSnapshot, SnapshotCache } from '../../shared/cache/snapshot-cache.ts';
import type { BehaviorCounters } from '../../shared/cache/behavior-counters.ts';
import { checkContext, type Context } from '../../shared/rules/index.ts';
import { enrichContext, sourcesFor, type DerivedSources, type GeoHeaderMapping } from '../../shared/context/index.ts';
import { noteAuthFailure, noteRateLimit } from '../../shared/telemetry/request-telemetry.ts';
import type { MetricsRecorder } from '../../shared/telemetry/recorder.ts';
import type { StreamOffer } from './stream-offer.ts';
import type { AuthGuard } from '../../shared/http/auth-guard.ts';
import { needsServerKey } from './key-access.ts';
import type { RunningReleases } from '../../shared/releases/attribution.ts';

export type EvaluateDeps = {
  readonly keys: KeyLookup;
  readonly limiter: RateLimiter;
  readonly snapshots: SnapshotCache;
  readonly now: () => number;
  readonly geoHeaders?: GeoHeaderMapping;
  /** Behavioural counters: `/v1/track` records, evaluations of flags that read `behavior.*` fetch. */
  readonly behavior?: {
    readonly record: BehaviorCounters['record'];
    /** Cached briefly per user; a rejection leaves the attributes missing. */
    readonly counts: BehaviorCounters['counts'];
  };
  /** Where evaluation metrics are counted; none are when absent. */
  readonly metrics?: MetricsRecorder;
  /** Throttles addresses that keep presenting wrong keys (the key's rate limit is `limiter`'s). */
  readonly guard?: AuthGuard;
  /** The eventStreams of bulk answers; none are offered when absent (SWITCHYARD_STREAMS_URL unset). */
  readonly streams?: StreamOffer;
  /** Flags with a running release plan, for attributing tracked events to variants (issue 17). */
  readonly releases?: { readonly running: (environment: string) => Promise<RunningReleases> };
};

/** `secret` is the key presented (for the stream offer); never log it. */
export type Admitted = { ok: true; principal: Extract<Principal, { kind: 'sdk' }>; secret: string; snapshot: CompiledSnapshot; now: number; stale: boolean } | { ok: false; problem: Problem; headers?: Record<string, string> };

/** What a client was told exists (OFREP flagConfigEtag / flagConfigLastModified): the answer comes from a snapshot at least that new. */
export type Wanted = { readonly atLeast?: number; readonly confirmedAfter?: number };

/**
 * Key, rate limit and snapshot: all from memory on a warm instance, so nothing waits. `wanted` is
 * what a change notice told the client: the answer comes from a snapshot at least that new, loaded
 * first if this instance has not seen it (the notice and the re-fetch may reach different instances).
 */
export function admit(request: HttpRequest, deps: EvaluateDeps, wanted?: Wanted): MaybePromise<Admitted> {
  return then(authenticate(request, deps.keys, 'sdk', deps.guard), (auth): MaybePromise<Admitted> => {
    if (!auth.ok) return auth;
    const { principal } = auth;
    const refused = originRefusal(principal, request);
    if (refused) {
      noteAuthFailure(request, 'forbidden');
      return { ok: false, problem: refused };
    }
    return then(deps.limiter.take(principal.keyId), (decision): MaybePromise<Admitted> => {
      noteRateLimit(request, principal.keyId, decision.allowed);
      if (!decision.allowed) {
        return { ok: false, problem: problem('RATE_LIMITED', `this key is over its request rate; retry after ${decision.retryAfterSeconds} s`), headers: { 'Retry-After': String(decision.retryAfterSeconds) } };
      }
      const held = wanted === undefined ? deps.snapshots.peek(principal.environment) : undefined;
      return then(held ?? deps.snapshots.get(principal.environment, wanted?.atLeast, wanted?.confirmedAfter), (snapshot): MaybePromise<Admitted> => {
        if (!snapshot) return { ok: false, problem: problem('UNAVAILABLE', `the flags of environment "${principal.environment}" cannot be loaded`) };
        const now = deps.now();
        // The cache confirms within its bound unless the store fails or is slow; then the answer says so.
        const stale = now - snapshot.confirmedAt > deps.snapshots.maxStalenessMs;
        const admitted: Admitted = { ok: true, principal, secret: auth.secret, snapshot, now, stale };
        // A key revoked or rotated since it was remembered moved this version: check it again.
        const valid = deps.keys.stillValid ? deps.keys.stillValid(auth.secret, snapshot.version) : true;
        return then(valid, (stands): Admitted => {
          if (stands) return admitted;
          noteAuthFailure(request, 'invalid');
          return { ok: false, problem: UNAUTHORIZED };
        });
      });
    });
  });
}

/** `admit` for routes only server keys may use (batch, track): a client key is refused before its body is read. */
export function admitServer(request: HttpRequest, deps: EvaluateDeps, what: string): MaybePromise<Admitted> {
  return then(admit(request, deps), (admitted): Admitted => {
    if (!admitted.ok) return admitted;
    const refused = needsServerKey(admitted.principal, what);
    if (!refused) return admitted;
    noteAuthFailure(request, 'forbidden');
    return { ok: false, problem: refused };
  });
}

export type ContextResult = { ok: true; context: Context } | { ok: false; details: string; errors: { path: string; code: string; message: string }[] };

const sourcesBySnapshot = new WeakMap<CompiledSnapshot, DerivedSources>();

/** What the snapshot's rules can read: a source none of them reads is not derived at all. */
export function sourcesOf(snapshot: CompiledSnapshot): DerivedSources {
  let sources = sourcesBySnapshot.get(snapshot);
  if (!sources) {
    sources = sourcesFor(snapshot.attributes);
    sourcesBySnapshot.set(snapshot, sources);
  }
  return sources;
}

/** A client context within the limits, enriched from the request: what the client sent wins. */
export function prepareContext(raw: unknown, request: HttpRequest, now: number, deps: EvaluateDeps, sources: DerivedSources, prefix = '/context'): ContextResult {
  const client = raw === undefined ? {} : raw;
  const issues = checkContext(client);
  if (issues.length > 0) {
    return { ok: false, details: issues.map((i) => `${prefix}${i.path}: ${i.message}`).join('; '), errors: issues.map((i) => ({ ...i, path: `${prefix}${i.path}` })) };
  }
  return { ok: true, context: enrichContext(client as Context, { headers: request.headers }, { now, sources, ...(deps.geoHeaders ? { geoHeaders: deps.geoHeaders } : {}) }) };
}
