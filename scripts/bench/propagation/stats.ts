// Percentiles by nearest rank, rounded for printing: the figures the propagation benchmark reports.

/** The value below which `p` percent of the samples lie (nearest rank; p99 of 40 samples is the maximum). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

export const round = (value: number, digits = 1): number => {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
};

export type Summary = { readonly samples: number; readonly p50Ms: number; readonly p99Ms: number; readonly minMs: number; readonly maxMs: number };

export function summarise(values: readonly number[]): Summary {
  return {
    samples: values.length,
    p50Ms: round(percentile(values, 50)),
    p99Ms: round(percentile(values, 99)),
    minMs: round(values.length ? Math.min(...values) : Number.NaN),
    maxMs: round(values.length ? Math.max(...values) : Number.NaN),
  };
}

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}
