// Keeps one confirmed subscription open for as long as it is started, and heals it:
// - a subscription that fails or ends is replaced after a capped, jittered backoff;
// - it is renewed every `renewEveryMs` (the new one first; the old one keeps delivering for
//   `overlapMs` after the new one is confirmed, so no message falls in a gap), because a stream that died silently (a half-open TCP connection,
//   a proxy that stopped forwarding) can't be told from a quiet one;
// - `renew()` lets a caller force that renewal when it has other evidence that notices were lost.
// Its timers are unref'd: they never keep the process alive.

import type { Subscription, SubscriptionEvents } from './upstash-subscription.ts';

export type ResubscriberOptions = {
  /** Opens a subscription; it must report through `events` asynchronously, never before it returns. */
  readonly open: (events: SubscriptionEvents) => Subscription;
  /** Messages of the subscription in use (or of the one replacing it, once confirmed). */
  readonly onMessage: (payload: string) => void;
  readonly renewEveryMs: number;
  /**
   * How long the replaced subscription keeps delivering once its successor is confirmed: a message
   * published just before the new SUBSCRIBE reached Redis travels only on the old stream, and may
   * arrive after the new one's confirmation. A message seen on both meanwhile is delivered once.
   */
  readonly overlapMs: number;
  readonly backoff: { readonly initialMs: number; readonly maxMs: number };
  /** A forced renewal is ignored within this time of the last attempt (a caller may ask on every request). */
  readonly minRenewGapMs: number;
  readonly onIncident: (kind: 'subscribe failed' | 'subscription lost' | 'resubscribed', error?: Error) => void;
  readonly now?: () => number;
  readonly random?: () => number;
};

export type ResubscriberState = {
  readonly running: boolean;
  /** A confirmed subscription is open. */
  readonly connected: boolean;
  readonly connectedSince?: number;
  /** Failures since the last confirmed subscription: what the backoff grows with. */
  readonly failures: number;
  /** Subscriptions opened since the start of the process (renewals and retries included). */
  readonly opened: number;
};

export type Resubscriber = {
  readonly start: () => void;
  readonly stop: () => void;
  /** Opens a new subscription now unless one is opening, a backoff is running or one was tried just now. */
  readonly renew: () => void;
  readonly state: () => ResubscriberState;
};

export function createResubscriber(options: ResubscriberOptions): Resubscriber {
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  let running = false;
  /** The confirmed subscription whose messages are delivered. */
  let active: Subscription | undefined;
  let connectedSince: number | undefined;
  /** A subscription opening: a first one, a retry or a renewal. */
  let pending: Subscription | undefined;
  /** The subscription just replaced, still delivering for `overlapMs`, and the payloads delivered meanwhile. */
  let retiring: Subscription | undefined;
  let retireTimer: NodeJS.Timeout | undefined;
  let overlapSeen = new Set<string>();
  let retryTimer: NodeJS.Timeout | undefined;
  let renewTimer: NodeJS.Timeout | undefined;
  let failures = 0;
  let opened = 0;
  let lastAttempt = -Infinity;

  function scheduleRetry(): void {
    if (!running || retryTimer || pending) return;
    const ceiling = Math.min(options.backoff.maxMs, options.backoff.initialMs * 2 ** Math.min(failures, 30));
    // Jitter: instances that lost Redis together don't all come back in the same millisecond.
    const delay = ceiling / 2 + (random() * ceiling) / 2;
    failures++;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      open();
    }, delay);
    retryTimer.unref();
  }

  function retire(previous: Subscription | undefined): void {
    clearTimeout(retireTimer);
    retiring?.close();
    retiring = previous;
    overlapSeen = new Set();
    if (!previous) return;
    retireTimer = setTimeout(() => retire(undefined), options.overlapMs);
    retireTimer.unref();
  }

  function deliver(payload: string): void {
    if (retiring) {
      if (overlapSeen.has(payload)) return;
      overlapSeen.add(payload);
    }
    options.onMessage(payload);
  }

  function open(): void {
    if (!running || pending) return;
    lastAttempt = now();
    opened++;
    const subscription: Subscription = options.open({
      onReady: () => {
        if (subscription !== pending) return;
        pending = undefined;
        const previous = active;
        active = subscription;
        connectedSince = now();
        retire(previous);
        if (failures > 0) options.onIncident('resubscribed');
        failures = 0;
      },
      onMessage: (payload) => {
        if (subscription === active || subscription === retiring) deliver(payload);
      },
      onEnd: (error) => {
        if (subscription === pending) {
          pending = undefined;
          options.onIncident('subscribe failed', error);
        } else if (subscription === retiring) {
          return retire(undefined);
        } else if (subscription === active) {
          active = undefined;
          connectedSince = undefined;
          options.onIncident('subscription lost', error);
        } else {
          return;
        }
        scheduleRetry();
      },
    });
    pending = subscription;
  }

  const periodic = () => {
    if (!retryTimer) open();
  };

  return {
    start: () => {
      if (running) return;
      running = true;
      open();
      renewTimer = setInterval(periodic, options.renewEveryMs);
      renewTimer.unref();
    },
    stop: () => {
      running = false;
      clearTimeout(retryTimer);
      clearInterval(renewTimer);
      retryTimer = renewTimer = undefined;
      retire(undefined);
      active?.close();
      pending?.close();
      active = pending = connectedSince = undefined;
      failures = 0;
    },
    renew: () => {
      if (!running || pending || retryTimer || now() - lastAttempt < options.minRenewGapMs) return;
      open();
    },
    state: () => ({ running, connected: active !== undefined, ...(connectedSince === undefined ? {} : { connectedSince }), failures, opened }),
  };
}
