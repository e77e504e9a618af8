// The port the aggregator pulls metrics messages through: Pub/Sub's synchronous pull in
// production, the in-process bus of `npm start` locally. Nothing is removed until acknowledged.

import { randomUUID } from 'node:crypto';
import type { MetricsMessage } from '../telemetry/metrics-message.ts';

export type PulledMessage = {
  /** The id the publisher's service gave it: the same on every redelivery. */
  readonly id: string;
  readonly ackId: string;
  /** The body as published (JSON text), judged by the aggregator. */
  readonly data: string;
  readonly publishTime: number;
};

export type MessageSource = {
  /** Up to `max` messages; an empty list when none are waiting. */
  readonly pull: (max: number) => Promise<readonly PulledMessage[]>;
  readonly ack: (ackIds: readonly string[]) => Promise<void>;
  /** Hands messages back for redelivery at once. */
  readonly nack: (ackIds: readonly string[]) => Promise<void>;
  /** Throws when the source cannot be reached (readiness). */
  readonly check: () => Promise<void>;
};

/**
 * Reads the messages of an in-process bus (`memorySink().messages`): a pulled message is leased
 * until acknowledged (then removed from the bus) or handed back.
 */
export function memorySource(messages: MetricsMessage[], now: () => number = Date.now): MessageSource {
  const ids = new WeakMap<MetricsMessage, string>();
  const leased = new Set<MetricsMessage>();
  // Unique across sources, as Pub/Sub's ids are: the rollup store's ledger outlives a source.
  const prefix = randomUUID();
  let next = 0;
  const idOf = (m: MetricsMessage) => {
    let id = ids.get(m);
    if (!id) ids.set(m, (id = `${prefix}-${++next}`));
    return id;
  };
  const byAck = (ackIds: readonly string[]) => {
    const wanted = new Set(ackIds);
    return messages.filter((m) => wanted.has(idOf(m)));
  };
  return {
    pull: async (max) => {
      const out: PulledMessage[] = [];
      for (const m of messages) {
        if (out.length >= max) break;
        if (leased.has(m)) continue;
        leased.add(m);
        out.push({ id: idOf(m), ackId: idOf(m), data: JSON.stringify(m), publishTime: now() });
      }
      return out;
    },
    ack: async (ackIds) => {
      for (const m of byAck(ackIds)) {
        leased.delete(m);
        messages.splice(messages.indexOf(m), 1);
      }
    },
    nack: async (ackIds) => {
      for (const m of byAck(ackIds)) leased.delete(m);
    },
    check: async () => undefined,
  };
}
