// One Upstash pub/sub subscription read as Server-Sent Events: `POST <url>/subscribe/<channel>`
// with `Accept: text/event-stream`, answered by `data: subscribe,<channel>,<n>` and then one
// `data: message,<channel>,<payload>` line per message (Upstash's format, which our local proxy
// speaks too).
//
// Why our own reader rather than @upstash/redis's `subscribe` (1.39): its Subscriber never reports
// that a stream ended, and a read error only goes to console.error, so a subscription that Redis or
// the network dropped would stay silent until the next periodic renewal; it also says nothing when
// the subscription is confirmed. Here the end of a stream, for whatever reason, is reported once, so
// the feed re-subscribes at once, and "ready" means the server confirmed the subscription.

export type SubscriptionTarget = {
  readonly url: string;
  readonly token: string;
  readonly channel: string;
  /** The subscription must be confirmed within this time, or it counts as failed. */
  readonly confirmWithinMs: number;
};

export type SubscriptionEvents = {
  /** The server confirmed the subscription: messages published from now on will arrive. */
  readonly onReady: () => void;
  readonly onMessage: (payload: string) => void;
  /** Called once when the stream fails or ends, unless `close()` ended it first. */
  readonly onEnd: (error: Error) => void;
};

export type Subscription = { readonly close: () => void };

/** Channel names go into the URL path as they are (Upstash's clients do the same): keep them plain. */
export const CHANNEL_NAME = /^[A-Za-z0-9_.:-]+$/;

export function openUpstashSubscription(target: SubscriptionTarget, events: SubscriptionEvents): Subscription {
  const controller = new AbortController();
  let finished = false;
  const finish = (error: Error) => {
    if (finished) return;
    finished = true;
    clearTimeout(confirmTimer);
    controller.abort();
    events.onEnd(error);
  };
  // Unref'd: a pending subscription never keeps the process alive by its timer.
  const confirmTimer = setTimeout(() => finish(new Error(`subscription not confirmed within ${target.confirmWithinMs} ms`)), target.confirmWithinMs);
  confirmTimer.unref();

  const read = async () => {
    const response = await fetch(`${target.url.replace(/\/+$/, '')}/subscribe/${target.channel}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${target.token}`, Accept: 'text/event-stream', 'Cache-Control': 'no-cache' },
      body: '[]',
      signal: controller.signal,
    });
    if (!response.ok || !response.body) {
      const text = await response.text().catch(() => '');
      throw new Error(`subscribe answered HTTP ${response.status}: ${text.slice(0, 200)}`);
    }
    const messagePrefix = `message,${target.channel},`;
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of response.body) {
      buffer += decoder.decode(chunk, { stream: true });
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      // A stream that sends no line break must not grow without bound.
      if (buffer.length > 1_000_000) throw new Error('subscription stream line over 1 MB');
      for (const raw of lines) {
        if (finished) return;
        const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
        if (!line.startsWith('data: ')) continue;
        const data = line.slice('data: '.length);
        if (data.startsWith(`subscribe,${target.channel},`)) {
          clearTimeout(confirmTimer);
          events.onReady();
        } else if (data.startsWith(messagePrefix)) {
          events.onMessage(data.slice(messagePrefix.length));
        }
      }
    }
    throw new Error('subscription stream ended');
  };
  read().catch((error: unknown) => finish(error instanceof Error ? error : new Error(String(error))));

  return {
    close: () => {
      finished = true;
      clearTimeout(confirmTimer);
      controller.abort();
    },
  };
}
