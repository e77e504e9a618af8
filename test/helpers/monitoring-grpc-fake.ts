// A local Cloud Monitoring for tests: a gRPC server on loopback built from the protos shipped in
// @google-cloud/monitoring, serving CreateTimeSeries (recording each request and enforcing the
// rules the real service enforces: at most 200 series, one point each, each series newer than
// its last point), CreateMetricDescriptor and ListTimeSeries. The real MetricServiceClient talks to it.

import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';

type Json = Record<string, unknown>;
export type RecordedSeries = {
  readonly metric: { readonly type: string; readonly labels: Record<string, string> };
  readonly resource: { readonly type: string; readonly labels: Record<string, string> };
  readonly metricKind: string;
  readonly valueType: string;
  readonly points: readonly { readonly interval: { readonly startTime?: { seconds: string | number }; readonly endTime: { seconds: string | number; nanos?: number } }; readonly value: Json }[];
};

export type MonitoringFake = {
  readonly endpoint: string;
  readonly port: number;
  /** Every accepted CreateTimeSeries request, in arrival order. */
  readonly requests: { readonly name: string; readonly timeSeries: readonly RecordedSeries[] }[];
  /** Makes the next `n` CreateTimeSeries calls fail with UNAVAILABLE. */
  readonly failNext: (n: number) => void;
  readonly close: () => Promise<void>;
};

const require = createRequire(import.meta.url);
const protos = join(dirname(require.resolve('@google-cloud/monitoring')), '..', 'protos');
const gaxProtos = join(dirname(require.resolve('google-gax')), '..', 'protos');

const seriesKey = (s: RecordedSeries) => JSON.stringify([s.metric.type, Object.entries(s.metric.labels).sort(), s.resource.type, Object.entries(s.resource.labels).sort()]);
const endOf = (s: RecordedSeries) => Number(s.points[0]!.interval.endTime.seconds) * 1e3 + Math.floor((s.points[0]!.interval.endTime.nanos ?? 0) / 1e6);

export async function startMonitoringFake(): Promise<MonitoringFake> {
  const definition = protoLoader.loadSync(join(protos, 'google/monitoring/v3/metric_service.proto'), { includeDirs: [protos, gaxProtos], keepCase: false, longs: String, enums: String, defaults: false, oneofs: true });
  const loaded = grpc.loadPackageDefinition(definition) as unknown as { google: { monitoring: { v3: { MetricService: { service: grpc.ServiceDefinition } } } } };
  const requests: MonitoringFake['requests'] = [];
  const lastEnd = new Map<string, number>();
  const descriptors: Json[] = [];
  let failures = 0;
  const invalid = (message: string) => ({ code: grpc.status.INVALID_ARGUMENT, message });

  const server = new grpc.Server();
  server.addService(loaded.google.monitoring.v3.MetricService.service, {
    CreateTimeSeries: (call: grpc.ServerUnaryCall<{ name: string; timeSeries: RecordedSeries[] }, Json>, callback: grpc.sendUnaryData<Json>) => {
      if (failures > 0) {
        failures--;
        return callback({ code: grpc.status.UNAVAILABLE, message: 'the fake is told to fail' });
      }
      const { name, timeSeries } = call.request;
      if (timeSeries.length > 200) return callback(invalid(`maximum number of TimeSeries objects per Create request is 200, got ${timeSeries.length}`));
      const keys = new Set<string>();
      for (const s of timeSeries) {
        if (s.points.length !== 1) return callback(invalid(`each TimeSeries must have exactly one point, got ${s.points.length}`));
        const key = seriesKey(s);
        if (keys.has(key)) return callback(invalid('Field timeSeries contains the same series more than once'));
        keys.add(key);
        if ((lastEnd.get(key) ?? -Infinity) >= endOf(s)) return callback(invalid('Points must be written in order. One or more of the points specified had an older end time than the most recent point.'));
      }
      for (const s of timeSeries) lastEnd.set(seriesKey(s), endOf(s));
      requests.push({ name, timeSeries });
      callback(null, {});
    },
    CreateMetricDescriptor: (call: grpc.ServerUnaryCall<{ metricDescriptor: Json }, Json>, callback: grpc.sendUnaryData<Json>) => {
      descriptors.push(call.request.metricDescriptor);
      callback(null, call.request.metricDescriptor);
    },
    ListTimeSeries: (call: grpc.ServerUnaryCall<{ filter: string }, Json>, callback: grpc.sendUnaryData<Json>) => {
      const type = /metric\.type\s*=\s*"([^"]+)"/.exec(call.request.filter)?.[1];
      callback(null, { timeSeries: requests.flatMap((r) => r.timeSeries).filter((s) => !type || s.metric.type === type), nextPageToken: '' });
    },
  });
  const port = await new Promise<number>((resolve, reject) => server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, p) => (error ? reject(error) : resolve(p))));
  return {
    endpoint: `127.0.0.1:${port}`,
    port,
    requests,
    failNext: (n) => void (failures = n),
    close: () => new Promise<void>((resolve) => server.tryShutdown(() => resolve())),
  };
}
