// Idle open streams on one streams instance: `count` light clients in the benchmark process (raw
// node:http GETs, one socket each, reading the SSE text for `id:` lines; `count` EventSource
// objects would measure the client as much as the server). Reports the server's memory per stream
// (RSS and heap after a full collection, before and after, over `count`), its CPU while they idle,
// and the time from a write's acknowledgement until the last client has its event.

import { request, type ClientRequest } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Writer } from './writer.ts';
import { percentile, round, summarise, type Summary } from '../propagation/stats.ts';
import type { LiveInstance } from './instances.ts';

export type IdleStreamsResult = {
  readonly client: string;
  readonly streams: number;
  readonly openedInMs: number;
  readonly serverStreamsOpen: number | undefined;
  readonly memory: {
    readonly rssBeforeMb: number;
    readonly rssAfterMb: number;
    readonly heapBeforeMb: number;
    readonly heapAfterMb: number;
    readonly rssPerStreamKb: number;
    readonly heapPerStreamKb: number;
    /** The second half of the streams alone (from half open to all open): the fixed costs of the first streams left out. */
    readonly rssPerStreamKbSecondHalf: number;
    readonly heapPerStreamKbSecondHalf: number;
    readonly externalPerStreamKb: number;
  };
  readonly idleCpu: { readonly seconds: number; readonly percentOfOneCore: number; readonly heartbeatSeconds: number };
  /** Per write: acknowledgement to the last of the clients receiving its event. */
  readonly notifyAll: Summary & { readonly perWriteMs: readonly number[]; readonly medianClientMs: readonly number[] };
  readonly missed: number;
};

type Client = { latest: number; readonly arrivals: Map<number, number>; readonly request: ClientRequest };

function open(url: string): Promise<Client> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent: false, headers: { accept: 'text/event-stream' } }, (response) => {
      if (response.statusCode !== 200) {
        response.resume();
        reject(new Error(`stream answered ${response.statusCode}`));
        return;
      }
      response.setEncoding('utf8');
      let buffered = '';
      response.on('data', (chunk: string) => {
        buffered += chunk;
        let end: number;
        while ((end = buffered.indexOf('\n\n')) >= 0) {
          const event = buffered.slice(0, end);
          buffered = buffered.slice(end + 2);
          const id = /^id: (\d+)$/m.exec(event);
          if (!id) continue;
          const version = Number(id[1]);
          if (version > client.latest) {
            client.latest = version;
            client.arrivals.set(version, performance.now());
          }
        }
      });
      response.on('error', () => {});
      resolve(client);
    });
    const client: Client = { latest: 0, arrivals: new Map(), request: req };
    req.on('error', reject);
    req.end();
  });
}

export async function measureIdleStreams(writer: Writer, streams: LiveInstance, streamUrl: string, options: { count: number; idleSeconds: number; heartbeatSeconds: number; writes: number; concurrency: number; timeoutMs: number }): Promise<IdleStreamsResult> {
  const before = await streams.usage(true);
  const clients: Client[] = [];
  const startedAt = performance.now();
  const half = Math.floor(options.count / 2);
  let mid: Awaited<ReturnType<LiveInstance['usage']>> | undefined;
  try {
    for (let i = 0; i < options.count; i += options.concurrency) {
      const batch = Array.from({ length: Math.min(options.concurrency, options.count - i) }, () => open(streamUrl));
      clients.push(...(await Promise.all(batch)));
      if (!mid && clients.length >= half) {
        await sleep(1000);
        mid = await streams.usage(true);
      }
    }
    const openedInMs = performance.now() - startedAt;
    await sleep(2000);
    const after = await streams.usage(true);

    const idleStart = await streams.usage();
    await sleep(options.idleSeconds * 1000);
    const idleEnd = await streams.usage();
    const cpuMicros = idleEnd.cpuUser + idleEnd.cpuSystem - idleStart.cpuUser - idleStart.cpuSystem;

    const perWrite: number[] = [];
    const medians: number[] = [];
    let missed = 0;
    for (let write = 0; write < options.writes; write++) {
      const written = await writer.write();
      const { version } = written;
      const deadline = performance.now() + options.timeoutMs;
      while (clients.some((c) => c.latest < version) && performance.now() < deadline) await sleep(5);
      const times = clients.map((c) => [...c.arrivals].find(([v]) => v >= version)?.[1]).filter((t): t is number => t !== undefined);
      missed += clients.length - times.length;
      perWrite.push(round(Math.max(...times) - written.ackAt));
      medians.push(round(percentile(times, 50) - written.ackAt));
      await sleep(1000);
    }
    const mb = (bytes: number) => round(bytes / 1024 / 1024);
    const kbEach = (delta: number) => round(delta / 1024 / options.count, 2);
    return {
      client: 'raw node:http GET per stream (agent: false, one socket each), reading id: lines; in the benchmark process',
      streams: clients.length,
      openedInMs: round(openedInMs),
      serverStreamsOpen: after.streams,
      memory: {
        rssBeforeMb: mb(before.rss),
        rssAfterMb: mb(after.rss),
        heapBeforeMb: mb(before.heapUsed),
        heapAfterMb: mb(after.heapUsed),
        rssPerStreamKb: kbEach(after.rss - before.rss),
        heapPerStreamKb: kbEach(after.heapUsed - before.heapUsed),
        rssPerStreamKbSecondHalf: round((after.rss - mid!.rss) / 1024 / (clients.length - half), 2),
        heapPerStreamKbSecondHalf: round((after.heapUsed - mid!.heapUsed) / 1024 / (clients.length - half), 2),
        externalPerStreamKb: kbEach(after.external - before.external),
      },
      idleCpu: { seconds: options.idleSeconds, percentOfOneCore: round((cpuMicros / (options.idleSeconds * 1e6)) * 100, 2), heartbeatSeconds: options.heartbeatSeconds },
      notifyAll: { ...summarise(perWrite), perWriteMs: perWrite, medianClientMs: medians },
      missed,
    };
  } finally {
    for (const client of clients) client.request.destroy();
  }
}
