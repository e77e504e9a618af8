// Write to first fresh answer, per evaluate instance: a flag is written through the admin API
// again and again while each instance is asked either quietly (one request per second; the first
// request after a write is sent at its acknowledgement, so each write is followed at once by a
// request on an instance that has idled up to a second) or under load (`concurrency` requests
// back to back per instance). Requests alternate bulk and single-flag evaluations; every answer's
// version is recorded and checked against the contract (answers.ts).

import { setTimeout as sleep } from 'node:timers/promises';
import { seeded } from '../random.ts';
import type { Product } from '../propagation/product.ts';
import { round, summarise, type Summary } from '../propagation/stats.ts';
import { ask, owedBy, violations, type Ack, type Answer, type Route } from './answers.ts';
import type { Writer } from './writer.ts';

export type Traffic = { readonly kind: 'quiet' } | { readonly kind: 'load'; readonly concurrency: number };

export type WriteToAnswerOptions = {
  readonly writes: number;
  /** Pause between one acknowledgement and the next write, drawn uniformly from [min, max] ms. */
  readonly gapMs: readonly [number, number];
  readonly boundMs: number;
  readonly seed: number;
};

export type WriteToAnswerResult = {
  readonly traffic: string;
  readonly writes: number;
  readonly answers: number;
  readonly answersPerSecondPerInstance: number;
  /** Per instance: from a write's acknowledgement to the arrival of the first answer (to a request sent after it) that reflects it. */
  readonly firstFreshPerInstance: readonly Summary[];
  /** Every (write, instance) pair together. */
  readonly firstFresh: Summary;
  /**
   * Requests sent after a write's acknowledgement and still answered from an older version
   * (allowed within the bound), and the latest such send after its acknowledgement.
   */
  readonly olderAfterAck: { readonly answers: number; readonly latestSentAfterAckMs: number };
  /** Answers older than the bound (the contract: 0), and how many of them said STALE (the contract's escape past the confirmation deadline). */
  readonly violations: number;
  readonly violationsMarkedStale: number;
  readonly violationExamples: readonly unknown[];
  readonly staleMarked: number;
  readonly non200: number;
  /** 200 answers without the version they came from (must be 0: the check would not see them). */
  readonly unversioned: number;
  /** (write, instance) pairs never answered fresh before the run ended. */
  readonly unseen: number;
  readonly adminWrite: Summary;
};

export async function measureWriteToAnswer(product: Product, urls: readonly string[], writer: Writer, traffic: Traffic, options: WriteToAnswerOptions): Promise<WriteToAnswerResult> {
  const random = seeded(options.seed);
  const answers: Answer[] = [];
  const acks: Ack[] = [];
  let running = true;
  let counter = 0;
  const route = (): Route => (counter++ % 2 === 0 ? 'bulk' : 'flag');
  const record = async (instance: number) => {
    const answer = await ask(urls[instance]!, product.sdkKey, instance, route(), writer.flagKey);
    const { body: _body, ...kept } = answer;
    answers.push(kept);
  };

  // Quiet: one request per second per instance; an acknowledgement moves each one's next request to now.
  const next = urls.map(() => performance.now() + random.int(0, 999));
  const wake = urls.map(() => () => {});
  const quiet = async (instance: number) => {
    while (running) {
      const wait = next[instance]! - performance.now();
      if (wait > 0) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, wait);
          wake[instance] = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        continue;
      }
      next[instance] = performance.now() + 1000;
      await record(instance);
    }
  };
  const loaded = async (instance: number) => {
    while (running) await record(instance);
  };
  const clients = traffic.kind === 'quiet'
    ? urls.map((_, i) => quiet(i))
    : urls.flatMap((_, i) => Array.from({ length: traffic.concurrency }, () => loaded(i)));

  const startedAt = performance.now();
  const adminMs: number[] = [];
  try {
    await sleep(1000);
    for (let write = 0; write < options.writes; write++) {
      const written = await writer.write();
      acks.push(written);
      adminMs.push(written.tookMs);
      if (traffic.kind === 'quiet') {
        for (let i = 0; i < urls.length; i++) {
          next[i] = performance.now();
          wake[i]!();
        }
      }
      await sleep(random.int(options.gapMs[0], options.gapMs[1]));
    }
    // The last write gets its fresh answers, then the run ends.
    await sleep(Math.max(options.boundMs, 1000) + 200);
  } finally {
    running = false;
    for (const w of wake) w();
    await Promise.all(clients);
  }
  const seconds = (performance.now() - startedAt) / 1000;

  const perInstance = urls.map(() => [] as number[]);
  let unseen = 0;
  let older = 0;
  let latestOlder = 0;
  for (const ack of acks) {
    for (let i = 0; i < urls.length; i++) {
      const after = answers.filter((a) => a.instance === i && a.status === 200 && a.sentAt >= ack.ackAt);
      const fresh = after.filter((a) => a.version >= owedBy(ack, a.route)).sort((a, b) => a.receivedAt - b.receivedAt)[0];
      if (fresh) perInstance[i]!.push(fresh.receivedAt - ack.ackAt);
      else unseen++;
      for (const a of after) {
        if (a.version >= owedBy(ack, a.route)) continue;
        older++;
        latestOlder = Math.max(latestOlder, a.sentAt - ack.ackAt);
      }
    }
  }
  const found = violations(answers, acks, options.boundMs);
  return {
    traffic: traffic.kind === 'quiet' ? 'quiet: 1 request/s per instance, the first after each write sent at its acknowledgement' : `load: ${traffic.concurrency} requests back to back per instance`,
    writes: acks.length,
    answers: answers.length,
    answersPerSecondPerInstance: round(answers.length / seconds / urls.length),
    firstFreshPerInstance: perInstance.map((values) => summarise(values)),
    firstFresh: summarise(perInstance.flat()),
    olderAfterAck: { answers: older, latestSentAfterAckMs: round(latestOlder) },
    violations: found.length,
    violationsMarkedStale: found.filter((v) => v.answer.stale).length,
    violationExamples: found.slice(0, 5).map((v) => ({ instance: v.answer.instance, route: v.answer.route, version: v.answer.version, owed: v.owed, sentAfterAckMs: round(v.lateByMs) })),
    staleMarked: answers.filter((a) => a.stale).length,
    non200: answers.filter((a) => a.status !== 200).length,
    unversioned: answers.filter((a) => a.status === 200 && a.version < 0).length,
    unseen,
    adminWrite: summarise(adminMs),
  };
}
