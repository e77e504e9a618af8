// Trace context from the request, as Cloud Logging correlates it: W3C `traceparent` first, then
// the legacy `X-Cloud-Trace-Context` (whose span id is decimal and is turned into 16 hex digits).

import type { IncomingHttpHeaders } from 'node:http';

export type TraceContext = { readonly traceId: string; readonly spanId: string | undefined; readonly sampled: boolean };

const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(?:-.*)?$/;
const CLOUD_TRACE = /^([0-9a-fA-F]{32})(?:\/(\d{1,20}))?(?:;o=([0-9]+))?$/;
const ZERO_TRACE = '0'.repeat(32);
const ZERO_SPAN = '0'.repeat(16);
const MAX_U64 = (1n << 64n) - 1n;

export function parseTraceparent(header: string): TraceContext | undefined {
  const m = TRACEPARENT.exec(header.trim());
  if (!m || m[1] === 'ff' || m[2] === ZERO_TRACE || m[3] === ZERO_SPAN) return undefined;
  // Version 00 has exactly four fields; later versions may append more.
  if (m[1] === '00' && header.trim().length !== 55) return undefined;
  return { traceId: m[2]!, spanId: m[3]!, sampled: (Number.parseInt(m[4]!, 16) & 1) === 1 };
}

export function parseCloudTraceContext(header: string): TraceContext | undefined {
  const m = CLOUD_TRACE.exec(header.trim());
  if (!m || m[1]!.toLowerCase() === ZERO_TRACE) return undefined;
  let spanId: string | undefined;
  if (m[2] !== undefined) {
    const decimal = BigInt(m[2]);
    if (decimal > 0n && decimal <= MAX_U64) spanId = decimal.toString(16).padStart(16, '0');
  }
  return { traceId: m[1]!.toLowerCase(), spanId, sampled: m[3] === '1' };
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export function traceOf(headers: IncomingHttpHeaders): TraceContext | undefined {
  const traceparent = single(headers.traceparent);
  const parsed = traceparent === undefined ? undefined : parseTraceparent(traceparent);
  if (parsed) return parsed;
  const cloud = single(headers['x-cloud-trace-context']);
  return cloud === undefined ? undefined : parseCloudTraceContext(cloud);
}

/** The resource name Cloud Logging's `trace` field wants. */
export function traceName(projectId: string, trace: TraceContext): string {
  return `projects/${projectId}/traces/${trace.traceId}`;
}
