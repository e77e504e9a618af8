// The telemetry of this process: one logger per function (labelled function, environment,
// version), one metrics recorder per instance, and the publisher that ships its metrics. Wiring
// configures it from the runtime config; anything that asks first gets it from the environment.

import { readRuntimeConfig, type RuntimeConfig } from '../config/runtime-config.ts';
import { loggingSettings, type LoggingSettings } from '../config/logging-config.ts';
import { createLogger, type Logger } from './logger.ts';
import { startMetricsPublisher, type MetricsPublisher } from './publisher.ts';
import { memorySink, pubsubSink } from './pubsub-sink.ts';
import { createMetricsRecorder, type MetricsRecorder } from './recorder.ts';

export type Telemetry = {
  readonly function: string;
  readonly environment: string;
  readonly version: string;
  readonly logger: Logger;
  readonly metrics: MetricsRecorder;
  readonly settings: LoggingSettings;
};

type TelemetryConfig = Pick<RuntimeConfig, 'SWITCHYARD_STAGE' | 'LOG_LEVEL' | 'LOG_FORMAT' | 'LOG_DEBUG_PER_SECOND' | 'GOOGLE_CLOUD_PROJECT' | 'SWITCHYARD_VERSION' | 'SWITCHYARD_METRICS_TOPIC' | 'SWITCHYARD_METRICS_INTERVAL_SECONDS'>;

/** The in-process bus metrics go to without a Pub/Sub topic (npm start); the local aggregator pulls from it. */
export const localMetricsBus = memorySink(1000);

/** The instance's recorder: every function served by this process records here. */
export const instanceMetrics: MetricsRecorder = createMetricsRecorder();

let config: TelemetryConfig | undefined;
const byFunction = new Map<string, Telemetry>();

/** Telemetry built from explicit settings (tests, benchmarks); records into `metrics` or the instance's recorder. */
export function createTelemetry(options: { function: string; environment: string; version: string; projectId: string; settings: LoggingSettings; metrics?: MetricsRecorder; now?: () => number }): Telemetry {
  const labels = { function: options.function, environment: options.environment, version: options.version };
  const logger = createLogger({ settings: options.settings, projectId: options.projectId, labels, ...(options.now ? { now: options.now } : {}) });
  return { ...labels, logger, metrics: options.metrics ?? instanceMetrics, settings: options.settings };
}

export function configureTelemetry(next: TelemetryConfig): void {
  config = next;
  byFunction.clear();
}

export function telemetryFor(name: string): Telemetry {
  let telemetry = byFunction.get(name);
  if (!telemetry) {
    config ??= readRuntimeConfig();
    telemetry = createTelemetry({
      function: name,
      environment: config.SWITCHYARD_STAGE,
      version: config.SWITCHYARD_VERSION,
      projectId: config.GOOGLE_CLOUD_PROJECT,
      settings: loggingSettings(config.SWITCHYARD_STAGE, config),
    });
    byFunction.set(name, telemetry);
  }
  return telemetry;
}

/**
 * Starts shipping this instance's metrics: to the Pub/Sub topic when one is configured, else to
 * an in-process bus (npm start). Flushes on SIGTERM, which Cloud Run sends before stopping.
 */
export function startMetrics(config: TelemetryConfig, name: string): MetricsPublisher {
  const log = telemetryFor(name).logger;
  const sink = config.SWITCHYARD_METRICS_TOPIC ? pubsubSink({ projectId: config.GOOGLE_CLOUD_PROJECT, topic: config.SWITCHYARD_METRICS_TOPIC }) : localMetricsBus;
  let lastFailureLog = 0;
  const publisher = startMetricsPublisher({
    recorder: instanceMetrics,
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
