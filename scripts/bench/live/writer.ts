// Writes one flag through the admin API again and again, flipping its default variant, with the
// If-Match of its last write: the writes every live measurement times.

import { onOff, putFlag, type Product } from '../propagation/product.ts';
import type { Ack } from './answers.ts';

export type Writer = {
  readonly flagKey: string;
  /** One write; resolves when the 2xx answer has arrived (performance.now()), with the versions it made. */
  readonly write: () => Promise<Ack & { readonly tookMs: number }>;
  /** The environment version of the last write. */
  readonly version: () => number;
};

async function put(product: Product, flag: Record<string, unknown> & { key: string }, ifMatch: number): Promise<Ack> {
  const saved = await putFlag(product, flag, ifMatch);
  return { version: saved.environmentVersion, flagVersion: saved.version, ackAt: saved.answeredAt };
}

export async function createWriter(product: Product, flagKey: string): Promise<Writer> {
  let variant: 'on' | 'off' = 'off';
  let last = await put(product, onOff(flagKey, variant), 0);
  return {
    flagKey,
    version: () => last.version,
    write: async () => {
      variant = variant === 'on' ? 'off' : 'on';
      const sentAt = performance.now();
      last = await put(product, onOff(flagKey, variant), last.flagVersion);
      return { ...last, tookMs: last.ackAt - sentAt };
    },
  };
}
