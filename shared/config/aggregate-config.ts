// The aggregator's own settings: part of the one runtime configuration (runtime-config.ts), kept
// here because only the aggregate function reads them.

import * as z from 'zod';

const positive = (fallback: number) => z.coerce.number().finite().positive().default(fallback);

export const AggregateConfigSchema = z.object({
  /** Pub/Sub subscription of the metrics topic; unset, the in-process bus (npm start). */
  SWITCHYARD_METRICS_SUBSCRIPTION: z.string().min(1).optional(),
  /** Where series go: Cloud Monitoring, or kept in memory (npm start). Defaults to Monitoring with a subscription. */
  SWITCHYARD_METRICS_WRITER: z.enum(['monitoring', 'memory']).optional(),
  /** `host:port` of a plaintext gRPC Monitoring server (tests only). */
  SWITCHYARD_MONITORING_ENDPOINT: z.string().regex(/^[\w.-]+:\d+$/, 'host:port').optional(),
  /** A run pulls no new batch after this many seconds (Cloud Scheduler runs it every minute). */
  SWITCHYARD_AGGREGATE_BUDGET_SECONDS: positive(45),
  SWITCHYARD_AGGREGATE_MAX_MESSAGES: z.coerce.number().int().positive().default(10_000),
  /** Messages per pull and per Firestore transaction. */
  SWITCHYARD_AGGREGATE_BATCH: z.coerce.number().int().min(1).max(1000).default(100),
});

export type AggregateConfig = z.infer<typeof AggregateConfigSchema>;
