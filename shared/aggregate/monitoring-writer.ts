// The MetricWriter on Cloud Monitoring, with the real @google-cloud/monitoring client, loaded on
// the first write (the aggregator's cold start never pays for it). Tests point it at a local gRPC
// server with `endpoint`.

import type { MetricServiceClient } from '@google-cloud/monitoring';
import type { MetricWriter } from './metric-writer.ts';

export type MonitoringWriterOptions = {
  readonly projectId: string;
  /** `host:port` of a plaintext gRPC server (tests); unset, Google's endpoint with credentials. */
  readonly endpoint?: string;
  readonly timeoutMs?: number;
};

export function monitoringWriter(options: MonitoringWriterOptions): MetricWriter & { readonly close: () => Promise<void> } {
  let client: Promise<MetricServiceClient> | undefined;
  const open = async (): Promise<MetricServiceClient> => {
    const { MetricServiceClient } = await import('@google-cloud/monitoring');
    if (!options.endpoint) return new MetricServiceClient({ projectId: options.projectId });
    const { credentials } = await import('@grpc/grpc-js');
    const [host, port] = splitEndpoint(options.endpoint);
    return new MetricServiceClient({ projectId: options.projectId, apiEndpoint: host, port, sslCreds: credentials.createInsecure() });
  };
  return {
    write: async (series) => {
      client ??= open();
      const c = await client;
      // The JSON shape is the proto's: plain numbers for int64, no Long objects needed.
      await c.createTimeSeries({ name: `projects/${options.projectId}`, timeSeries: series as never[] }, { timeout: options.timeoutMs ?? 10_000 });
    },
    close: async () => {
      if (client) await (await client).close();
    },
  };
}

function splitEndpoint(endpoint: string): [string, number] {
  const at = endpoint.lastIndexOf(':');
  const port = Number(endpoint.slice(at + 1));
  if (at < 0 || !Number.isInteger(port)) throw new Error(`monitoring endpoint must be host:port, not ${endpoint}`);
  return [endpoint.slice(0, at), port];
}
