// The MessageSource on a Pub/Sub subscription: synchronous pull and acknowledge with the real
// @google-cloud/pubsub v1 SubscriberClient, loaded on first use. An empty subscription answers
// an empty pull (or lets it time out): both mean "nothing waiting".

import type { v1 } from '@google-cloud/pubsub';
import type { MessageSource, PulledMessage } from './message-source.ts';

export type PubSubSourceOptions = {
  readonly projectId: string;
  readonly subscription: string;
  /** `host:port`; unset, the client uses PUBSUB_EMULATOR_HOST or Google's endpoint. */
  readonly apiEndpoint?: string;
  /** How long one pull may wait for messages. */
  readonly pullTimeoutMs?: number;
};

const DEADLINE_EXCEEDED = 4;

export function pubsubSource(options: PubSubSourceOptions): MessageSource & { readonly close: () => Promise<void> } {
  let client: Promise<v1.SubscriberClient> | undefined;
  const subscription = options.subscription.includes('/') ? options.subscription : `projects/${options.projectId}/subscriptions/${options.subscription}`;
  const open = async () => {
    const { PubSub, v1 } = await import('@google-cloud/pubsub');
    const pubsub = new PubSub({ projectId: options.projectId, ...(options.apiEndpoint ? { apiEndpoint: options.apiEndpoint } : {}) });
    // The v1 client honours the emulator only when built from the PubSub client's own config.
    const config = (await pubsub.getClientConfig()) as ConstructorParameters<typeof v1.SubscriberClient>[0];
    return new v1.SubscriberClient(config);
  };
  const get = () => (client ??= open());
  return {
    pull: async (max) => {
      const c = await get();
      try {
        const [answer] = await c.pull({ subscription, maxMessages: max }, { timeout: options.pullTimeoutMs ?? 5_000, retry: { retryCodes: [] } as never });
        return (answer.receivedMessages ?? []).map((r): PulledMessage => ({
          id: r.message?.messageId ?? '',
          ackId: r.ackId ?? '',
          data: Buffer.from((r.message?.data as Uint8Array | string | undefined) ?? '').toString('utf8'),
          publishTime: Number(r.message?.publishTime?.seconds ?? 0) * 1000 + Math.floor((r.message?.publishTime?.nanos ?? 0) / 1e6),
        }));
      } catch (error) {
        if ((error as { code?: number }).code === DEADLINE_EXCEEDED) return [];
        throw error;
      }
    },
    ack: async (ackIds) => {
      if (ackIds.length > 0) await (await get()).acknowledge({ subscription, ackIds: [...ackIds] });
    },
    nack: async (ackIds) => {
      if (ackIds.length > 0) await (await get()).modifyAckDeadline({ subscription, ackIds: [...ackIds], ackDeadlineSeconds: 0 });
    },
    check: async () => {
      await (await get()).getSubscription({ subscription }, { timeout: 3_000 } as never);
    },
    close: async () => {
      if (client) await (await client).close();
    },
  };
}
