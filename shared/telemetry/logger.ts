// The logger every function writes through: @google-cloud/logging-winston printing one JSON line
// per event to stdout (what Cloud Run and Cloud Functions ingest), or a short readable line for
// `npm start`. Request-scoped children carry the request id and the trace on every line.
// PERFORMANCE NOTE: logging-winston and its Google clients take about 165 ms to load (bundled),
// most of a cold start's budget (DESIGN.md section 7): they load when the first line is written,
// after that turn of the event loop, and lines written meanwhile wait in a bounded queue, in order.

import type { LoggingWinston as LoggingWinstonType } from '@google-cloud/logging-winston';
import type winstonType from 'winston';
import type { LoggingSettings, LogLevel } from '../config/logging-config.ts';
import { createDebugSampler, type DebugSampler } from './sampling.ts';
import { requestLineWriter, type RequestLineWriter } from './request-line.ts';
import { batchedStdout } from './stdout-batch.ts';
import { traceName, type TraceContext } from './trace.ts';

export type LogFields = Readonly<Record<string, unknown>>;
export type WriteLevel = Exclude<LogLevel, 'silent'>;
export type LogScope = { readonly requestId?: string; readonly trace?: TraceContext | undefined };

export type Logger = {
  readonly debug: (message: string, fields?: LogFields) => void;
  readonly info: (message: string, fields?: LogFields) => void;
  readonly warn: (message: string, fields?: LogFields) => void;
  readonly error: (message: string, fields?: LogFields) => void;
  /** Whether a line at `level` would be written (checked before building expensive fields). */
  readonly enabled: (level: WriteLevel) => boolean;
  /**
   * The per-request access line (shared/telemetry/request-line.ts): the same JSON, on the hot
   * path's own writer; with `scope`, written as `child(scope)` would write it, without the child.
   */
  readonly request: (level: WriteLevel, message: string, fields: LogFields, scope?: LogScope) => void;
  readonly child: (scope: LogScope) => Logger;
  /** Resolves once lines go straight to stdout (the writer has loaded and the queue is written). */
  readonly ready: () => Promise<void>;
};

/** logging-winston's LOGGING_TRACE_KEY, LOGGING_SPAN_KEY and LOGGING_SAMPLED_KEY (a test checks they match). */
export const TRACE_KEY = 'logging.googleapis.com/trace';
export const SPAN_KEY = 'logging.googleapis.com/spanId';
export const SAMPLED_KEY = 'logging.googleapis.com/trace_sampled';

const LOG_NAME = 'switchyard';

/** Lines held while the writer loads; more are counted and reported. */
const MAX_QUEUED = 10_000;

export type ServiceLabels = { readonly function: string; readonly environment: string; readonly version: string };

export type LoggerOptions = {
  readonly settings: LoggingSettings;
  readonly projectId: string;
  readonly labels: ServiceLabels;
  /** For the debug sampler's one-second windows. */
  readonly now?: () => number;
};

const RANK: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3, silent: 4 };

/**
 * logging-winston nests a line's fields under `metadata`; Error Reporting reads `@type`,
 * `stack_trace`, `serviceContext` and `context` only at the top of the payload, and log-based
 * metrics read shorter paths, so the fields are lifted to the top (the message stays the message).
 */
function liftFields(data: unknown): unknown {
  if (typeof data !== 'object' || data === null || !('metadata' in data)) return data;
  const { metadata, ...rest } = data as { metadata: Record<string, unknown>; message?: string };
  return { ...metadata, ...rest };
}

type Winston = typeof winstonType;
type Write = (level: WriteLevel, message: string, meta: Record<string, unknown>) => void;

function jsonTransport(LoggingWinston: typeof LoggingWinstonType, options: LoggerOptions): LoggingWinstonType {
  const transport = new LoggingWinston({
    redirectToStdout: true,
    useMessageField: false,
    projectId: options.projectId,
    logName: LOG_NAME,
    labels: { ...options.labels },
    serviceContext: { service: options.labels.function, version: options.labels.version },
  });
  const entry = transport.common.entry.bind(transport.common);
  transport.common.entry = (metadata, data) => entry(metadata, liftFields(data) as object);
  // With redirectToStdout the library's LogSync writes each line to its `transport` stream.
  (transport.common.cloudLog as unknown as { transport: unknown }).transport = batchedStdout();
  return transport;
}

function prettyTransport(winston: Winston, options: LoggerOptions): winstonType.transport {
  const line = winston.format.printf((info) => {
    const { level, message, labels, httpRequest: _h, [TRACE_KEY]: _t, [SPAN_KEY]: _s, [SAMPLED_KEY]: _p, ...fields } = info as Record<string, unknown>;
    const requestId = (labels as { requestId?: string } | undefined)?.requestId;
    const rest = Object.entries(fields).filter(([k]) => typeof k === 'string').map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`);
    const time = new Date().toISOString().slice(11, 23);
    return `${time} ${String(level).toUpperCase().padEnd(5)} ${options.labels.function}: ${String(message)}${rest.length > 0 ? ` ${rest.join(' ')}` : ''}${requestId ? ` (${requestId})` : ''}`;
  });
  return new winston.transports.Console({ format: line });
}

const written = () => {};

async function loadWriter(options: LoggerOptions): Promise<Write> {
  if (options.settings.format === 'json') {
    // The transport is called directly: winston's stream pipeline and its default JSON format
    // (a string logging-winston never reads) cost more than the line itself, on every request.
    // Levels are filtered above, so nothing of winston's logger would be used.
    const transport = jsonTransport((await import('@google-cloud/logging-winston')).LoggingWinston, options);
    return (level, message, meta) => transport.log({ ...meta, level, message }, written);
  }
  const winston = (await import('winston')).default;
  const root = winston.createLogger({ level: 'debug', transports: [prettyTransport(winston, options)] });
  return (level, message, meta) => void root.log(level, message, meta);
}

export function createLogger(options: LoggerOptions): Logger {
  const { settings } = options;
  const threshold = RANK[settings.level];
  const queued: Parameters<Write>[] = [];
  let overflow = 0;
  let loading: Promise<void> | undefined;
  // The writer loads at the first line, after the current turn: a cold instance's first answer
  // is sent before the load blocks the event loop, and an instance that never logs never loads it.
  const load = (): Promise<void> =>
    (loading ??= new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => loadWriter(options))
      .then(
        (loaded) => {
          for (const line of queued) loaded(...line);
          if (overflow > 0) loaded('warn', 'log lines dropped while the logger loaded', { droppedLines: overflow });
          queued.length = 0;
          write = loaded;
        },
        (error: unknown) => {
          // Without its writer a function still serves; say so once, plainly.
          process.stderr.write(`switchyard: the logger could not load: ${error instanceof Error ? error.stack : String(error)}\n`);
          write = () => {};
        },
      ));
  let write: Write = (...line) => {
    if (queued.length < MAX_QUEUED) queued.push(line);
    else overflow++;
    if (loading === undefined) void load();
  };
  const ready = () => (threshold === RANK.silent ? Promise.resolve() : load());
  const sampler = createDebugSampler(settings.debugPerSecond, options.now ?? Date.now);
  const fast = settings.format === 'json' ? requestLineWriter({ projectId: options.projectId, logName: LOG_NAME, labels: options.labels }) : undefined;
  return scoped((level, message, meta) => write(level, message, meta), fast, ready, threshold, sampler, options.projectId, {});
}

function scoped(root: Write, fast: RequestLineWriter | undefined, ready: () => Promise<void>, threshold: number, sampler: DebugSampler, projectId: string, base: Record<string, unknown>): Logger {
  const write = (level: WriteLevel, message: string, fields: LogFields | undefined, own = base) => {
    const suppressed = sampler.takeReport();
    if (suppressed > 0) root('info', 'debug lines dropped by sampling', { ...own, suppressedDebugLines: suppressed });
    root(level, message, fields === undefined ? { ...own } : { ...fields, ...own });
  };
  const enabled = (level: WriteLevel) => RANK[level] >= threshold;
  return {
    debug: (message, fields) => {
      if (threshold === 0 && sampler.allow()) write('debug', message, fields);
    },
    info: (message, fields) => {
      if (threshold <= 1) write('info', message, fields);
    },
    warn: (message, fields) => {
      if (threshold <= 2) write('warn', message, fields);
    },
    error: (message, fields) => {
      if (threshold <= 3) write('error', message, fields);
    },
    enabled,
    request: (level, message, fields, scope) => {
      if (!enabled(level) || (level === 'debug' && !sampler.allow())) return;
      const own = scope === undefined ? base : scopeFields(base, scope, projectId);
      if (fast) fast(level, message, fields, own);
      else write(level, message, fields, own);
    },
    ready,
    child: (scope) => scoped(root, fast, ready, threshold, sampler, projectId, scopeFields(base, scope, projectId)),
  };
}

/** The fields a child logger adds to every line: the request id label and the trace. */
function scopeFields(base: Record<string, unknown>, scope: LogScope, projectId: string): Record<string, unknown> {
  const next: Record<string, unknown> = { ...base };
  if (scope.requestId !== undefined) next.labels = { ...(base.labels as object | undefined), requestId: scope.requestId };
  if (scope.trace !== undefined) {
    next[TRACE_KEY] = traceName(projectId, scope.trace);
    if (scope.trace.spanId !== undefined) next[SPAN_KEY] = scope.trace.spanId;
    next[SAMPLED_KEY] = scope.trace.sampled;
  }
  return next;
}
