// GET /v1/streams/changes?token=...[&since=N]: an OFREP 0.3 change stream (SSE). The token comes
// from a bulk evaluation's eventStreams URL; `since` is the version that answer came from, and a
// reconnecting EventSource's Last-Event-ID the last version it was told of: a client behind either
// is told at once.

import { noteAuthFailure, noteKey } from '../../shared/telemetry/request-telemetry.ts';
import { problem, type Problem } from '../../shared/http/problem.ts';
import { queryParam } from '../../shared/http/query.ts';
import type { Route, RouteContext } from '../../shared/http/router.ts';
import { reply, type Reply } from '../../shared/http/reply.ts';
import { send } from '../../shared/http/send.ts';
import type { HttpRequest, HttpResponse } from '../../shared/http/types.ts';
import type { RateLimiter } from '../../shared/http/rate-limit.ts';
import type { StreamGrant, StreamTokens, TokenRefusal } from '../../shared/streams/token.ts';
import { retryHint } from '../../shared/streams/events.ts';
import { originRefusal } from '../../shared/http/auth.ts';
import type { Principal } from '../../shared/store/api-keys.ts';
import type { MetricsRecorder } from '../../shared/telemetry/recorder.ts';
import type { Hub } from './hub.ts';
import type { AuthGuard } from '../../shared/http/auth-guard.ts';

export type StreamRouteDeps = {
  readonly tokens: StreamTokens;
  readonly hub: Hub;
  /** The key a token names, by its hash, while it may still evaluate. */
  readonly keyOf: (keyHash: string) => Promise<Principal | undefined>;
  readonly limiter: RateLimiter;
  readonly retryMs: number;
  readonly now: () => number;
  readonly metrics?: MetricsRecorder;
  /** Throttles addresses that keep presenting bad tokens. */
  readonly guard?: AuthGuard;
};

const TOKEN_DETAIL: Record<TokenRefusal, string> = {
  missing: 'the stream URL has no token; open the URL of a bulk evaluation\'s eventStreams as given',
  malformed: 'the stream token is not one this service issued; open the URL of a bulk evaluation\'s eventStreams as given',
  forged: 'the stream token\'s signature does not match; open the URL of a bulk evaluation\'s eventStreams as given',
  expired: 'the stream token has expired; evaluate the flags in bulk again for a fresh stream URL',
};

/** A canonical non-negative integer (a version), or undefined when absent; anything else is refused. */
function versionParam(raw: string | undefined, path: string): { ok: true; value: number | undefined } | { ok: false; problem: Problem } {
  if (raw === undefined || raw === '') return { ok: true, value: undefined };
  if (/^(0|[1-9]\d{0,14})$/.test(raw)) return { ok: true, value: Number(raw) };
  return { ok: false, problem: problem('INVALID_QUERY', `${path} must be a version: a whole number written plainly`, [{ path, code: 'INVALID_VALUE', message: 'a whole number such as 12' }]) };
}

export type StreamAdmission =
  | { readonly ok: true; readonly grant: StreamGrant; readonly keyId: string; readonly seen: number | undefined }
  | { readonly ok: false; readonly reply: Reply };

/**
 * Everything before the stream opens, as a value: the caller's address, the token, the versions it
 * resumes from, the key it was issued to, that key's origin and rate. A refusal is the Reply to send.
 */
export function streamAdmission(deps: StreamRouteDeps) {
  /** A refusal counted as one (token, revoked key, streams limit): the Reply to send. */
  const refusal = (request: HttpRequest, reason: 'token' | 'revoked' | 'limit', answer: Problem, headers?: Record<string, string>): Reply => {
    deps.metrics?.count('stream_refusals', { reason });
    if (reason !== 'limit') noteAuthFailure(request, 'invalid');
    return reply.problem(answer, headers);
  };
  const refused = (answer: Problem | Reply, headers?: Record<string, string>): StreamAdmission => ({ ok: false, reply: 'kind' in answer ? answer : reply.problem(answer, headers) });
  const admit = async (request: HttpRequest): Promise<StreamAdmission> => {
    const wait = deps.guard?.blockedFor(request);
    if (wait !== undefined) {
      return refused(problem('RATE_LIMITED', `too many failed attempts to open a stream from this address; retry after ${wait} s`), { 'Retry-After': String(wait) });
    }
    const token = queryParam(request, 'token');
    if (!token.ok) return refused(token.problem);
    const verified = deps.tokens.verify(token.value, deps.now());
    if (!verified.ok) {
      deps.guard?.failed(request);
      return refused(refusal(request, 'token', problem('UNAUTHORIZED', TOKEN_DETAIL[verified.reason])));
    }
    const since = queryParam(request, 'since');
    if (!since.ok) return refused(since.problem);
    const lastEventHeader = request.headers['last-event-id'];
    const lastEventQuery = queryParam(request, 'lastEventId');
    if (!lastEventQuery.ok) return refused(lastEventQuery.problem);
    const sinceVersion = versionParam(since.value, '?since');
    if (!sinceVersion.ok) return refused(sinceVersion.problem);
    const resumed = versionParam(typeof lastEventHeader === 'string' ? lastEventHeader : lastEventQuery.value, 'Last-Event-ID');
    if (!resumed.ok) return refused(resumed.problem);

    const { grant } = verified;
    const key = await deps.keyOf(grant.keyHash);
    if (!key || key.kind !== 'sdk' || key.environment !== grant.environment) {
      return refused(refusal(request, 'revoked', problem('UNAUTHORIZED', 'the key this stream was issued to has been revoked or has expired')));
    }
    noteKey(request, key.keyId);
    const misplaced = originRefusal(key, request);
    if (misplaced) {
      noteAuthFailure(request, 'forbidden');
      return refused(misplaced);
    }
    const decision = await deps.limiter.take(key.keyId);
    if (!decision.allowed) {
      return refused(problem('RATE_LIMITED', `this key is over its request rate; retry after ${decision.retryAfterSeconds} s`), { 'Retry-After': String(decision.retryAfterSeconds) });
    }
    return { ok: true, grant, keyId: key.keyId, seen: resumed.value ?? sinceVersion.value };
  };
  return { admit, refusal };
}

/**
 * The route. Not a Handler returning a Reply: an open stream is a connection the hub writes to for
 * as long as it lasts (one shared buffer to thousands of responses), not an answer. Every refusal,
 * before or at opening, is still a Reply, written by the one `send`.
 */
export function streamRoute(deps: StreamRouteDeps): Route {
  const { admit, refusal } = streamAdmission(deps);
  return {
    method: 'GET',
    path: '/v1/streams/changes',
    handler: async (request: HttpRequest, response: HttpResponse, context: RouteContext) => {
      const admitted = await admit(request);
      if (!admitted.ok) return send(response, admitted.reply);
      const { grant, keyId, seen } = admitted;
      const opened = await deps.hub.open(response, grant, seen, () => {
        response.writeHead(200, {
          'Content-Type': 'text/event-stream; charset=utf-8',
          'Cache-Control': 'no-cache, no-transform',
          // Proxies that buffer (nginx and kin) would hold the notices back.
          'X-Accel-Buffering': 'no',
        });
        response.write(retryHint(deps.retryMs));
      });
      if (!opened.ok) {
        // Nobody to answer: the request's own line records the client's leaving.
        if (opened.reason === 'gone') return;
        if (opened.reason === 'unknown-environment') return send(response, reply.problem(problem('NOT_FOUND', `environment "${grant.environment}" does not exist`)));
        return send(response, refusal(request, 'limit', problem('TOO_MANY_STREAMS', 'this key holds as many open streams on this instance as it may; close unused ones, or retry later'), { 'Retry-After': '30' }));
      }
      const opening = deps.now();
      context.telemetry.log.info('stream opened', { environment: grant.environment, keyId, resumedFrom: seen ?? null, streamsOpen: deps.hub.count() });
      response.once('close', () => context.telemetry.log.info('stream closed', { environment: grant.environment, keyId, openForMs: deps.now() - opening, streamsOpen: deps.hub.count() }));
    },
  };
}
