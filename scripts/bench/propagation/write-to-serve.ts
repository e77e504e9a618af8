// Write-to-serve time: from the admin API's 2xx answer to a flag write until each running evaluate
// instance serves the new variant. Every instance is polled about every `pollMs` with OFREP
// single-flag evaluations (continuous traffic, as a serving instance sees: its version checks are
// triggered by requests, so an idle instance would look faster than a busy one). Writes flip one
// flag's default variant at a time, spaced by a random gap so they land at every phase of the
// instances' check cycle; a flag is written again only once every instance serves its last write.

import { setTimeout as sleep } from 'node:timers/promises';
import { seeded } from '../random.ts';
import type { Instance } from './instances.ts';
import { evaluateFlag, onOff, putFlag, type Product } from './product.ts';
import { round, summarise, type Summary } from './stats.ts';

export type PropagationOptions = {
  readonly writes: number;
  /** Flags written in turn, so the next write need not wait for the last to propagate. */
  readonly flags: number;
  readonly pollMs: number;
  /** Pause between writes, drawn uniformly from [min, max] ms. */
  readonly gapMs: readonly [number, number];
  readonly seed: number;
};

export type PropagationResult = {
  readonly instances: number;
  readonly maxStalenessMs: number;
  readonly writes: number;
  readonly pollMs: number;
  /** Per write, the slowest instance: when every running instance serves it. */
  readonly everyInstance: Summary;
  /** Every (write, instance) pair. */
  readonly anyInstance: Summary;
  readonly perInstance: readonly Summary[];
  /** Per write, each instance's time to serve it (null in the JSON where unseen). */
  readonly delaysMs: readonly (readonly number[])[];
  /** How long the admin API took to answer a write (Firestore transaction and Redis publish included). */
  readonly adminWrite: Summary;
  /** (write, instance) pairs not served within the deadline. */
  readonly unseen: number;
  readonly non200: number;
};

type Pending = { readonly write: number; readonly expected: 'on' | 'off'; readonly answeredAt: number };

const STEADY = 'steady';

export async function measurePropagation(product: Product, instances: readonly Instance[], options: PropagationOptions): Promise<PropagationResult> {
  const random = seeded(options.seed);
  const keys = Array.from({ length: options.flags }, (_, i) => `prop-${i}`);
  const versions = new Map<string, number>();
  const served = new Map<string, 'on' | 'off'>();
  for (const key of [STEADY, ...keys]) {
    versions.set(key, (await putFlag(product, onOff(key, 'off'), 0)).version);
    served.set(key, 'off');
  }
  const maxStalenessMs = instances[0]!.maxStalenessMs;
  // Every instance serves every flag before the first write is timed.
  const warmDeadline = Date.now() + maxStalenessMs * 2 + 10_000;
  for (const instance of instances) {
    for (const key of [STEADY, ...keys]) {
      while ((await evaluateFlag(instance.url, product.sdkKey, key)).variant !== 'off') {
        if (Date.now() > warmDeadline) throw new Error(`${instance.url} does not serve ${key} after warming up`);
        await sleep(20);
      }
    }
  }

  const pending = instances.map(() => new Map<string, Pending>());
  const delays: number[][] = Array.from({ length: options.writes }, () => instances.map(() => Number.NaN));
  let non200 = 0;
  let polling = true;

  const poll = async (index: number) => {
    const instance = instances[index]!;
    const waiting = pending[index]!;
    while (polling) {
      const started = performance.now();
      const round = [...waiting.entries()];
      if (round.length === 0) {
        if ((await evaluateFlag(instance.url, product.sdkKey, STEADY)).status !== 200) non200++;
      } else {
        await Promise.all(round.map(async ([key, wanted]) => {
          const answer = await evaluateFlag(instance.url, product.sdkKey, key);
          const seenAt = performance.now();
          if (answer.status !== 200) non200++;
          if (answer.variant === wanted.expected && waiting.get(key) === wanted) {
            waiting.delete(key);
            delays[wanted.write]![index] = seenAt - wanted.answeredAt;
          }
        }));
      }
      await sleep(Math.max(0, options.pollMs - (performance.now() - started)));
    }
  };
  const pollers = instances.map((_, i) => poll(i));

  const adminMs: number[] = [];
  try {
    for (let write = 0; write < options.writes; write++) {
      const key = keys[write % keys.length]!;
      while (pending.some((p) => p.has(key))) await sleep(options.pollMs);
      const expected = served.get(key) === 'on' ? 'off' : 'on';
      const sentAt = performance.now();
      const { version, answeredAt } = await putFlag(product, onOff(key, expected), versions.get(key)!);
      adminMs.push(answeredAt - sentAt);
      versions.set(key, version);
      served.set(key, expected);
      for (const p of pending) p.set(key, { write, expected, answeredAt });
      await sleep(random.int(options.gapMs[0], options.gapMs[1]));
    }
    const deadline = Date.now() + maxStalenessMs * 3 + 10_000;
    while (pending.some((p) => p.size > 0) && Date.now() < deadline) await sleep(options.pollMs);
  } finally {
    polling = false;
    await Promise.all(pollers);
  }

  const seen = (values: readonly number[]) => values.filter((v) => !Number.isNaN(v));
  return {
    instances: instances.length,
    maxStalenessMs,
    writes: options.writes,
    pollMs: options.pollMs,
    everyInstance: summarise(seen(delays.map((perInstance) => Math.max(...perInstance)))),
    anyInstance: summarise(seen(delays.flat())),
    perInstance: instances.map((_, i) => summarise(seen(delays.map((d) => d[i]!)))),
    delaysMs: delays.map((perInstance) => perInstance.map((ms) => Math.round(ms))),
    adminWrite: summarise(adminMs.map((ms) => round(ms))),
    unseen: delays.flat().filter((v) => Number.isNaN(v)).length,
    non200,
  };
}
