// Sends an instance's metrics once per interval (and on shutdown) through a MetricsSink, never on
// a request's path: a timer drains the recorder into a bounded buffer, one publish is in flight
// at a time with a deadline, and what does not fit is dropped and counted.

import { randomUUID } from 'node:crypto';
import { metricsMessage, isEmpty, type MetricsMessage } from './metrics-message.ts';
import type { MetricsRecorder } from './recorder.ts';

/** The port metrics leave an instance through: Pub/Sub in production, an in-process bus locally. */
export type MetricsSink = { readonly publish: (message: MetricsMessage) => Promise<void> };

export type PublisherOptions = {
  readonly recorder: MetricsRecorder;
  readonly sink: MetricsSink;
  readonly function: string;
  readonly intervalMs: number;
  /** Messages held while the sink is failing; older ones are dropped first. */
  readonly maxBuffered?: number;
  /** A publish still pending after this is abandoned and retried at the next interval. */
  readonly publishTimeoutMs?: number;
  readonly instance?: string;
  readonly now?: () => number;
  /** Called when a publish fails (for one log line per interval, not per message). */
  readonly onFailure?: (error: unknown) => void;
};

export type MetricsPublisher = {
  /** Drains the recorder now and publishes what is buffered; resolves when that attempt ends. */
  readonly flush: () => Promise<void>;
  /** Stops the timer and flushes once more (shutdown). */
  readonly close: () => Promise<void>;
  readonly buffered: () => number;
};

function withDeadline(promise: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`metrics publish timed out after ${ms} ms`)), ms);
    timer.unref();
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

export function startMetricsPublisher(options: PublisherOptions): MetricsPublisher {
  const { recorder, sink } = options;
  const now = options.now ?? Date.now;
  const maxBuffered = options.maxBuffered ?? 10;
  const timeoutMs = options.publishTimeoutMs ?? 5000;
  const instance = options.instance ?? randomUUID();
  const fn = options.function;
  const buffer: MetricsMessage[] = [];
  let start = now();
  let sending: Promise<void> | undefined;

  const drain = () => {
    const refused = recorder.refusedSeries();
    if (refused > 0) recorder.count('metrics_dropped', { function: fn, reason: 'cardinality' }, refused);
    const end = now();
    const message = metricsMessage(recorder.drain(), { instance, function: fn, start, end });
    start = end;
    if (isEmpty(message)) return;
    buffer.push(message);
    const excess = buffer.length - maxBuffered;
    // Counted into the next message, which is the newest and so the last to be dropped.
    if (excess > 0) {
      buffer.splice(0, excess);
      recorder.count('metrics_dropped', { function: fn, reason: 'buffer_full' }, excess);
    }
  };

  const send = async (): Promise<void> => {
    while (buffer.length > 0) {
      const message = buffer[0]!;
      try {
        await withDeadline(sink.publish(message), timeoutMs);
      } catch (error) {
        recorder.count('metrics_publish_failures', { function: fn });
        options.onFailure?.(error);
        return;
      }
      if (buffer[0] === message) buffer.shift();
    }
  };

  const flush = (): Promise<void> => {
    drain();
    sending ??= send().finally(() => {
      sending = undefined;
    });
    return sending;
  };

  const timer = setInterval(() => void flush(), options.intervalMs);
  timer.unref();

  return {
    flush,
    close: async () => {
      clearInterval(timer);
      if (sending) await sending;
      await flush();
    },
    buffered: () => buffer.length,
  };
}
