// The port metric writes leave through: Cloud Monitoring in production, a recorder in tests and
// in `npm start`. One call is one CreateTimeSeries request (at most 200 series, one point each).

import type { TimeSeries } from './time-series.ts';

export type MetricWriter = {
  readonly write: (series: readonly TimeSeries[]) => Promise<void>;
};

/** Keeps every request it was given, in order (the last `keep`). */
export function recordingWriter(keep = 1000): MetricWriter & { readonly requests: (readonly TimeSeries[])[] } {
  const requests: (readonly TimeSeries[])[] = [];
  return {
    requests,
    write: async (series) => {
      requests.push(series);
      if (requests.length > keep) requests.shift();
    },
  };
}
