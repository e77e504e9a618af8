// The Pub/Sub MetricsSink: one message per interval, published with the real client. The client
// is loaded on the first publish, off the cold start and off every request's path.

import type { PubSub, Topic } from '@google-cloud/pubsub';
import type { MetricsMessage } from './metrics-message.ts';
import type { MetricsSink } from './publisher.ts';

export type PubSubSinkOptions = {
  readonly projectId: string;
  readonly topic: string;
  /** `host:port`; unset, the client uses PUBSUB_EMULATOR_HOST or Google's endpoint. */
  readonly apiEndpoint?: string;
  /** How long the client itself keeps retrying one publish. */
  readonly timeoutMs?: number;
};

export function pubsubSink(options: PubSubSinkOptions): MetricsSink & { readonly close: () => Promise<void> } {
  let client: PubSub | undefined;
  let topic: Promise<Topic> | undefined;
  const open = async (): Promise<Topic> => {
    const { PubSub } = await import('@google-cloud/pubsub');
    client = new PubSub({ projectId: options.projectId, ...(options.apiEndpoint ? { apiEndpoint: options.apiEndpoint } : {}) });
    return client.topic(options.topic, {
      batching: { maxMessages: 1, maxMilliseconds: 0 },
      gaxOpts: { timeout: options.timeoutMs ?? 5000 },
    });
  };
  return {
    publish: async (message) => {
      topic ??= open();
      const t = await topic;
      await t.publishMessage({ json: message, attributes: { schema: 'switchyard.metrics.v1', function: message.function, instance: message.instance } });
    },
    close: async () => {
      if (client) await client.close();
    },
  };
}

/** The in-process bus `npm start` uses: the last messages, kept for inspection. */
export function memorySink(keep = 100): MetricsSink & { readonly messages: MetricsMessage[] } {
  const messages: MetricsMessage[] = [];
  return {
    messages,
    publish: async (message) => {
      messages.push(message);
      if (messages.length > keep) messages.shift();
    },
  };
}
