// Monitoring guards read through @google-cloud/monitoring (loaded on first use): a filter guard
// lists the series of the last few minutes and takes the latest point (the largest across series
// for `above`, the smallest for `below`: the worst); a PromQL guard asks Managed Service for
// Prometheus's query API with the same client's credentials. Tests point it at a local gRPC server.

import type { MetricServiceClient } from '@google-cloud/monitoring';
import type { MonitoringGuard } from './plan-schema.ts';
import type { GuardReader } from './release-run.ts';

export type GuardReaderOptions = {
  readonly projectId: string;
  /** `host:port` of a plaintext gRPC server (tests); unset, Google's endpoint with credentials. */
  readonly endpoint?: string;
  /** How far back a point may be and still count. */
  readonly lookbackMinutes?: number;
  readonly timeoutMs?: number;
};

type Point = { interval?: { endTime?: { seconds?: number | string | null } | null } | null; value?: { doubleValue?: number | null; int64Value?: number | string | null; boolValue?: boolean | null } | null };

function valueOf(point: Point): number | undefined {
  const v = point.value;
  if (!v) return undefined;
  if (typeof v.doubleValue === 'number') return v.doubleValue;
  if (v.int64Value !== undefined && v.int64Value !== null) return Number(v.int64Value);
  if (typeof v.boolValue === 'boolean') return v.boolValue ? 1 : 0;
  return undefined;
}

const endOf = (p: Point) => Number(p.interval?.endTime?.seconds ?? 0);

/** The guard's value from listed series: each series' latest point, then the worst of them. */
export function latestValue(series: readonly { points?: readonly Point[] | null }[], breachWhen: 'above' | 'below'): number | undefined {
  const latest = series.flatMap((s) => {
    const points = [...(s.points ?? [])].sort((a, b) => endOf(b) - endOf(a));
    const v = points[0] ? valueOf(points[0]) : undefined;
    return v === undefined ? [] : [v];
  });
  if (latest.length === 0) return undefined;
  return breachWhen === 'above' ? Math.max(...latest) : Math.min(...latest);
}

export function monitoringGuardReader(options: GuardReaderOptions): GuardReader & { readonly close: () => Promise<void> } {
  let client: Promise<MetricServiceClient> | undefined;
  const open = async (): Promise<MetricServiceClient> => {
    const { MetricServiceClient } = await import('@google-cloud/monitoring');
    if (!options.endpoint) return new MetricServiceClient({ projectId: options.projectId });
    const { credentials } = await import('@grpc/grpc-js');
    const at = options.endpoint.lastIndexOf(':');
    return new MetricServiceClient({ projectId: options.projectId, apiEndpoint: options.endpoint.slice(0, at), port: Number(options.endpoint.slice(at + 1)), sslCreds: credentials.createInsecure() });
  };
  const lookback = (options.lookbackMinutes ?? 5) * 60;
  const reader = async (guard: MonitoringGuard, now: number): Promise<number | undefined> => {
    client ??= open();
    const c = await client;
    const seconds = Math.floor(now / 1000);
    if (guard.filter !== undefined) {
      const [series] = await c.listTimeSeries(
        { name: `projects/${options.projectId}`, filter: guard.filter, interval: { startTime: { seconds: seconds - lookback }, endTime: { seconds } }, view: 'FULL' },
        { timeout: options.timeoutMs ?? 10_000, autoPaginate: true },
      );
      return latestValue(series as { points?: Point[] }[], guard.breachWhen);
    }
    // PromQL: the Prometheus HTTP API of Cloud Monitoring, an instant query at `now`.
    const token = await c.auth.getAccessToken();
    const url = `https://monitoring.googleapis.com/v1/projects/${encodeURIComponent(options.projectId)}/location/global/prometheus/api/v1/query`;
    const response = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ query: guard.promql ?? '', time: String(seconds) }), signal: AbortSignal.timeout(options.timeoutMs ?? 10_000) });
    if (!response.ok) throw new Error(`PromQL query answered ${response.status}`);
    const body = (await response.json()) as { data?: { result?: { value?: [number, string] }[] } };
    const values = (body.data?.result ?? []).map((r) => Number(r.value?.[1])).filter(Number.isFinite);
    if (values.length === 0) return undefined;
    return guard.breachWhen === 'above' ? Math.max(...values) : Math.min(...values);
  };
  return Object.assign(reader, { close: async () => { if (client) await (await client).close(); } });
}
