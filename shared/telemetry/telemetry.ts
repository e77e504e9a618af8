// The telemetry of an instance, built from the parsed configuration and handed to whatever logs or
// counts: one metrics recorder per instance, a logger per function it serves (labelled function,
// environment, version), and the publisher that ships the recorder's metrics. Nothing here is
// kept between calls: the composition root that builds it passes it on.

import type { RuntimeConfig } from '../config/runtime-config.ts';
import { loggingSettings, type LoggingSettings } from '../config/logging-config.ts';
import { createLogger, type Logger } from './logger.ts';
import { startMetricsPublisher, type MetricsPublisher, type MetricsSink } from './publisher.ts';
import { createMetricsRecorder, type MetricsRecorder } from './recorder.ts';

export type Telemetry = {
  readonly function: string;
  readonly environment: string;
  readonly version: string;
  readonly logger: Logger;
  readonly metrics: MetricsRecorder;
  readonly settings: LoggingSettings;
};

export type TelemetryConfig = Pick<RuntimeConfig, 'SWITCHYARD_STAGE' | 'LOG_LEVEL' | 'LOG_FORMAT' | 'LOG_DEBUG_PER_SECOND' | 'GOOGLE_CLOUD_PROJECT' | 'SWITCHYARD_VERSION' | 'SWITCHYARD_METRICS_INTERVAL_SECONDS'>;

/** Telemetry from explicit settings, recording into `metrics`. */
export function createTelemetry(options: { function: string; environment: string; version: string; projectId: string; settings: LoggingSettings; metrics: MetricsRecorder; now?: () => number }): Telemetry {
  const labels = { function: options.function, environment: options.environment, version: options.version };
  const logger = createLogger({ settings: options.settings, projectId: options.projectId, labels, ...(options.now ? { now: options.now } : {}) });
  return { ...labels, logger, metrics: options.metrics, settings: options.settings };
}

/** One instance's telemetry: the recorder every function it serves records into, and each function's. */
export type InstanceTelemetry = {
  readonly metrics: MetricsRecorder;
  /** The telemetry of the function (or part) `name`, made once per name. */
  readonly of: (name: string) => Telemetry;
};

export function instanceTelemetry(config: TelemetryConfig, metrics: MetricsRecorder = createMetricsRecorder()): InstanceTelemetry {
  const settings = loggingSettings(config.SWITCHYARD_STAGE, config);
  const byName = new Map<string, Telemetry>();
  const of = (name: string) => {
    let telemetry = byName.get(name);
    if (!telemetry) {
      telemetry = createTelemetry({ function: name, environment: config.SWITCHYARD_STAGE, version: config.SWITCHYARD_VERSION, projectId: config.GOOGLE_CLOUD_PROJECT, settings, metrics });
      byName.set(name, telemetry);
    }
    return telemetry;
  };
  return { metrics, of };
}

/**
 * Starts shipping the instance's metrics through `sink` (Pub/Sub deployed, an in-process bus
 * locally), logged as `name`. Flushes on SIGTERM, which Cloud Run sends before stopping.
 */
export function startMetrics(config: TelemetryConfig, telemetry: InstanceTelemetry, sink: MetricsSink, name: string): MetricsPublisher {
  const log = telemetry.of(name).logger;
  let lastFailureLog = 0;
  const publisher = startMetricsPublisher({
    recorder: telemetry.metrics,
    sink,
    function: name,
    intervalMs: config.SWITCHYARD_METRICS_INTERVAL_SECONDS * 1000,
    onFailure: (error) => {
      // One line a minute at most while Pub/Sub is down; the counter says how often.
      if (Date.now() - lastFailureLog < 60_000) return;
      lastFailureLog = Date.now();
      log.warn('metrics publish failed; buffering', { dependency: 'pubsub', error: error instanceof Error ? error.message : String(error) });
    },
  });
  process.once('SIGTERM', () => void publisher.close());
  return publisher;
}
