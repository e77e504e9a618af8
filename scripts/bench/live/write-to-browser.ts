// Write to browser: a real EventSource (the `eventsource` package, the WHATWG client) on the
// eventStreams URL a bulk answer offers, connected to a streams instance; each admin write's
// acknowledgement to the arrival of the first refetchEvaluation whose id (the version) covers it.
// The write is announced (Redis tier, then the change feed) before it is acknowledged, so an event
// can arrive before the acknowledgement does: such delays are negative, and reported as measured.

import { EventSource } from 'eventsource';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { seeded } from '../random.ts';
import type { Writer } from './writer.ts';
import { round, summarise, type Summary } from '../propagation/stats.ts';

const VERSION = (JSON.parse(readFileSync(new URL('../../../node_modules/eventsource/package.json', import.meta.url), 'utf8')) as { version: string }).version;

export type WriteToBrowserResult = {
  readonly client: string;
  readonly writes: number;
  readonly delay: Summary;
  /** Writes whose event arrived before the admin API's answer did. */
  readonly beforeAck: number;
  readonly unseen: number;
  readonly events: number;
};

export async function measureWriteToBrowser(writer: Writer, streamUrl: string, options: { writes: number; gapMs: readonly [number, number]; seed: number; timeoutMs: number }): Promise<WriteToBrowserResult> {
  const random = seeded(options.seed);
  const arrivals: { version: number; at: number }[] = [];
  const source = new EventSource(streamUrl);
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the EventSource did not open within 10 s')), 10_000);
      source.onopen = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    source.onmessage = (event) => arrivals.push({ version: Number(event.lastEventId), at: performance.now() });
    const acks: { version: number; ackAt: number }[] = [];
    for (let write = 0; write < options.writes; write++) {
      const { version, ackAt } = await writer.write();
      acks.push({ version, ackAt });
      await sleep(random.int(options.gapMs[0], options.gapMs[1]));
    }
    const deadline = performance.now() + options.timeoutMs;
    while (!arrivals.some((a) => a.version >= writer.version()) && performance.now() < deadline) await sleep(20);
    const delays: number[] = [];
    let unseen = 0;
    for (const ack of acks) {
      const first = arrivals.find((a) => a.version >= ack.version);
      if (first) delays.push(first.at - ack.ackAt);
      else unseen++;
    }
    return {
      client: `EventSource of the npm package eventsource ${VERSION}, in the benchmark process`,
      writes: acks.length,
      delay: summarise(delays.map((d) => round(d))),
      beforeAck: delays.filter((d) => d < 0).length,
      unseen,
      events: arrivals.length,
    };
  } finally {
    source.close();
  }
}
