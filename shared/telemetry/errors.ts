// One error taxonomy for every function: a client error (the caller's fault, 4xx, a warning), a
// dependency error (a store, cache or bus failed or timed out, 503, an error line without a
// report) or a bug (anything else, 500, reported to Error Reporting with its stack).

export const ERROR_KINDS = ['client', 'dependency', 'bug'] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];

/** An error whose kind the thrower knows; `dependency` names what failed (firestore, redis, pubsub). */
export class ClassifiedError extends Error {
  readonly kind: ErrorKind;
  readonly dependency: string | undefined;
  constructor(kind: ErrorKind, message: string, options: { cause?: unknown; dependency?: string } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ClassifiedError';
    this.kind = kind;
    this.dependency = options.dependency;
  }
}

export const clientError = (message: string, cause?: unknown) => new ClassifiedError('client', message, { cause });
export const dependencyError = (dependency: string, message: string, cause?: unknown) => new ClassifiedError('dependency', message, { cause, dependency });

/** The answer's problem code and status for each kind (codes of shared/http/problem.ts's table). */
export type Classification = { readonly kind: ErrorKind; readonly code: 'INVALID_BODY' | 'UNAVAILABLE' | 'INTERNAL'; readonly status: 400 | 503 | 500; readonly dependency?: string };

/** Network failures of Node's sockets and DNS. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_SOCKET']);
/** gRPC status codes (Google clients) that mean the service, not our request, failed. */
const GRPC_UNAVAILABLE = new Set([4 /* DEADLINE_EXCEEDED */, 8 /* RESOURCE_EXHAUSTED */, 10 /* ABORTED */, 14 /* UNAVAILABLE */]);

type Shape = { name?: unknown; code?: unknown; status?: unknown; statusCode?: unknown; details?: unknown; type?: unknown; cause?: unknown };

function dependencyOf(e: Shape, depth = 0): boolean {
  if (typeof e.code === 'string' && NETWORK_CODES.has(e.code)) return true;
  if (typeof e.code === 'number' && GRPC_UNAVAILABLE.has(e.code) && 'details' in e) return true;
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return true;
  return depth < 3 && typeof e.cause === 'object' && e.cause !== null && dependencyOf(e.cause as Shape, depth + 1);
}

export function classifyError(error: unknown): Classification {
  if (error instanceof ClassifiedError) {
    if (error.kind === 'client') return { kind: 'client', code: 'INVALID_BODY', status: 400 };
    if (error.kind === 'dependency') return { kind: 'dependency', code: 'UNAVAILABLE', status: 503, ...(error.dependency ? { dependency: error.dependency } : {}) };
    return { kind: 'bug', code: 'INTERNAL', status: 500 };
  }
  const e = (typeof error === 'object' && error !== null ? error : {}) as Shape;
  // Express and body-parser mark the caller's mistakes with a 4xx status.
  const status = typeof e.status === 'number' ? e.status : typeof e.statusCode === 'number' ? e.statusCode : undefined;
  if (status !== undefined && status >= 400 && status < 500) return { kind: 'client', code: 'INVALID_BODY', status: 400 };
  if (dependencyOf(e)) return { kind: 'dependency', code: 'UNAVAILABLE', status: 503 };
  return { kind: 'bug', code: 'INTERNAL', status: 500 };
}

export const REPORTED_ERROR_EVENT = 'type.googleapis.com/google.devtools.clouderrorreporting.v1beta1.ReportedErrorEvent';

export type ReportContext = {
  readonly service: string;
  readonly version: string;
  readonly httpRequest?: { method: string; url: string; userAgent?: string; responseStatusCode?: number };
};

/** The fields of a log line Error Reporting groups as an error event. */
export function errorReportFields(error: unknown, context: ReportContext): Record<string, unknown> {
  const stack = error instanceof Error && error.stack ? error.stack : `Error: ${String(error)}\n    at <unknown>`;
  return {
    '@type': REPORTED_ERROR_EVENT,
    stack_trace: stack,
    serviceContext: { service: context.service, version: context.version },
    ...(context.httpRequest ? { context: { httpRequest: context.httpRequest } } : {}),
    errorKind: 'bug',
  };
}
