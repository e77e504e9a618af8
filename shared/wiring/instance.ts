// What one instance shares between the functions it serves (one deployed function, or every
// function of the local product in one process): its telemetry, the publisher of its metrics, the
// in-process metrics bus and its backends. Built by a composition root (functions/<name>/deps.ts,
// scripts/local/start.ts) from the parsed configuration and passed on; nothing is kept here.

import type { RuntimeConfig } from '../config/runtime-config.ts';
import { createAuthGuard, type AuthGuard } from '../http/auth-guard.ts';
import { createMemoryRateLimiter } from '../http/rate-limit.ts';
import { streamTokens, type StreamTokens } from '../streams/token.ts';
import type { MetricsMessage } from '../telemetry/metrics-message.ts';
import type { MetricsPublisher } from '../telemetry/publisher.ts';
import { memorySink, pubsubSink } from '../telemetry/pubsub-sink.ts';
import { instanceTelemetry, startMetrics, type InstanceTelemetry } from '../telemetry/telemetry.ts';
import { createBackends, type Backends } from './backends.ts';

export type Instance = {
  readonly telemetry: InstanceTelemetry;
  readonly publisher: MetricsPublisher;
  /** Where this instance's metrics go without a Pub/Sub topic: the local aggregator pulls from it. */
  readonly metricsBus: { readonly messages: MetricsMessage[] };
  readonly backends: Backends;
};

/** `name` labels the instance's metrics messages (the function deployed, or `local`). */
export function startInstance(config: RuntimeConfig, name: string): Instance {
  const telemetry = instanceTelemetry(config);
  const metricsBus = memorySink(1000);
  const sink = config.SWITCHYARD_METRICS_TOPIC ? pubsubSink({ projectId: config.GOOGLE_CLOUD_PROJECT, topic: config.SWITCHYARD_METRICS_TOPIC }) : metricsBus;
  const publisher = startMetrics(config, telemetry, sink, name);
  return { telemetry, publisher, metricsBus, backends: createBackends(config, telemetry.of('backends').logger) };
}

/** Stream tokens need a secret the evaluate and streams functions share; a deployed stage never invents one. */
export function streamTokensFor(config: Pick<RuntimeConfig, 'SWITCHYARD_STREAM_TOKEN_SECONDS'>, backends: Pick<Backends, 'streamSecret'>, purpose: string): StreamTokens {
  if (backends.streamSecret === undefined) throw new Error(`${purpose} needs SWITCHYARD_STREAM_SECRET (at least 32 characters, the same for evaluate and streams)`);
  return streamTokens(backends.streamSecret, config.SWITCHYARD_STREAM_TOKEN_SECONDS);
}

/** Failed-attempt throttling, and outside evaluate each key's own rate limit (per instance). */
export function authGuardFor(config: Pick<RuntimeConfig, 'SWITCHYARD_ADMIN_RATE_PER_SECOND' | 'SWITCHYARD_AUTH_FAILURES_PER_MINUTE'>, withKeyLimit: boolean): AuthGuard {
  const limiter = withKeyLimit ? createMemoryRateLimiter({ ratePerSecond: config.SWITCHYARD_ADMIN_RATE_PER_SECOND, burst: config.SWITCHYARD_ADMIN_RATE_PER_SECOND * 2 }) : undefined;
  return createAuthGuard({ maxFailures: config.SWITCHYARD_AUTH_FAILURES_PER_MINUTE, windowMs: 60_000, ...(limiter ? { limiter } : {}) });
}
