// The change feed shared by every instance, over Upstash Redis pub/sub on one channel for all
// environments. Publishing is one PUBLISH through the process's shared (timeout-guarded) client.
// Listening is one subscription per process, opened with the first listener, shared by all, closed
// with the last, and healed by the resubscriber (retries with backoff, periodic renewal with an
// overlap, `renew()`).
// Notices are an accelerator: one may be lost or arrive twice; a listener acts on "environment X is
// now at version N", which is idempotent, and correctness rests on version confirmation.

import type { Redis } from '@upstash/redis';
import { randomUUID } from 'node:crypto';
import { createIncidentLog } from './breaker.ts';
import type { Change, ChangeFeed } from './change-feed.ts';
import { decodeChange, encodeChange } from './change-message.ts';
import { createResubscriber } from './resubscriber.ts';
import { CHANNEL_NAME, openUpstashSubscription } from './upstash-subscription.ts';

export type RedisChangeFeedOptions = {
  /** The process's shared client, each request under its own timeout: PUBLISH is an ordinary command. */
  readonly redis: Pick<Redis, 'publish'>;
  /**
   * The same database's REST address and token, for the subscription stream. It is read by our own
   * reader (upstash-subscription.ts), not by the shared client, whose per-request timeout signal
   * would cut a long-lived stream.
   */
  readonly url: string;
  readonly token: string;
  /** One channel for every environment. Default `sy:changes`. */
  readonly channel?: string;
  /** Where incidents go, at most one line per `incidentIntervalMs` (default 60 s). */
  readonly log: (message: string, fields: Record<string, unknown>) => void;
  readonly incidentIntervalMs?: number;
  /** A new subscription replaces the open one this often (default 4 min): a silently dead stream can't be seen otherwise. */
  readonly renewEveryMs?: number;
  /** The replaced subscription keeps delivering this long after its successor is confirmed (default 2 s). */
  readonly overlapMs?: number;
  /** A subscription not confirmed within this time counts as failed (default 5 s). */
  readonly confirmWithinMs?: number;
  /** Retry delays after a failure: doubling from `initialMs` up to `maxMs` (default 250 ms to 30 s). */
  readonly backoff?: { readonly initialMs: number; readonly maxMs: number };
  /** A forced `renew()` is ignored within this time of the last attempt (default 1 s). */
  readonly minRenewGapMs?: number;
  readonly now?: () => number;
};

/** For readiness checks and metrics. */
export type ChangeFeedStatus = {
  readonly listeners: number;
  /** A confirmed subscription is open (always false without listeners: nothing is subscribed). */
  readonly connected: boolean;
  readonly connectedSince?: number;
  /** When the last valid notice arrived from Redis (epoch ms). */
  readonly lastMessageAt?: number;
  /** Failed or lost subscriptions since the last confirmed one. */
  readonly failures: number;
  readonly subscriptionsOpened: number;
  readonly malformed: number;
  /** Incidents since the start of the process, by kind. */
  readonly incidents: Readonly<Record<string, number>>;
};

export type RedisChangeFeed = ChangeFeed & {
  /**
   * Opens a new subscription now (the old one closes once the new is confirmed). For a caller that
   * found a change the feed never announced: the subscription may be dead without knowing it.
   */
  readonly renew: () => void;
  readonly status: () => ChangeFeedStatus;
  /** Drops every listener and closes the subscription. */
  readonly close: () => void;
};

export const DEFAULT_CHANGE_CHANNEL = 'sy:changes';

export function createRedisChangeFeed(options: RedisChangeFeedOptions): RedisChangeFeed {
  const channel = options.channel ?? DEFAULT_CHANGE_CHANNEL;
  if (!CHANNEL_NAME.test(channel)) throw new Error(`change feed channel ${JSON.stringify(channel)}: use letters, digits and _ . : - only`);
  const now = options.now ?? Date.now;
  // Each feed is one instance: it tells its own listeners directly and skips its echo from Redis.
  const origin = randomUUID();
  const listeners = new Set<(change: Change) => void>();
  const incidents = createIncidentLog('change-feed', { intervalMs: options.incidentIntervalMs ?? 60_000, log: options.log, now });
  let lastMessageAt: number | undefined;
  let malformed = 0;

  const tell = (change: Change) => {
    for (const listener of [...listeners]) {
      try {
        listener(change);
      } catch (error) {
        // One failing listener must not keep the notice from the others, nor break the stream.
        incidents.note('listener failed', error);
      }
    }
  };

  const received = (payload: string) => {
    const decoded = decodeChange(payload);
    if (!decoded.ok) {
      malformed++;
      incidents.note('malformed message', new Error(`${decoded.problem}: ${payload.slice(0, 200)}`));
      return;
    }
    lastMessageAt = now();
    const { origin: from, ...change } = decoded.message;
    if (from !== origin) tell(change);
  };

  const subscription = createResubscriber({
    open: (events) => openUpstashSubscription({ url: options.url, token: options.token, channel, confirmWithinMs: options.confirmWithinMs ?? 5_000 }, events),
    onMessage: received,
    renewEveryMs: options.renewEveryMs ?? 4 * 60_000,
    overlapMs: options.overlapMs ?? 2_000,
    backoff: options.backoff ?? { initialMs: 250, maxMs: 30_000 },
    minRenewGapMs: options.minRenewGapMs ?? 1_000,
    onIncident: (kind, error) => incidents.note(kind, error),
    now,
  });

  return {
    // Own listeners first, synchronously, whatever Redis does: read-your-writes in this process.
    // A failed PUBLISH rejects: the caller decides how to count it.
    publish: async (change) => {
      tell(change);
      await options.redis.publish(channel, encodeChange(change, origin));
    },
    subscribe: (listener) => {
      // A wrapper per call: the same function subscribed twice is two listeners, each removed once.
      const entry = (change: Change) => listener(change);
      listeners.add(entry);
      subscription.start();
      return () => {
        if (!listeners.delete(entry)) return;
        if (listeners.size === 0) subscription.stop();
      };
    },
    renew: () => subscription.renew(),
    status: () => {
      const state = subscription.state();
      return {
        listeners: listeners.size,
        connected: state.connected,
        ...(state.connectedSince === undefined ? {} : { connectedSince: state.connectedSince }),
        ...(lastMessageAt === undefined ? {} : { lastMessageAt }),
        failures: state.failures,
        subscriptionsOpened: state.opened,
        malformed,
        incidents: incidents.counts(),
      };
    },
    close: () => {
      listeners.clear();
      subscription.stop();
    },
  };
}
