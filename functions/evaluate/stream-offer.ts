// The eventStreams member of a bulk answer (OFREP 0.3): where the caller's browser listens for
// changes. The URL carries a stream token for the caller's key (never the key) and the version the
// answer came from, so a stream opened late is told at once of a change it missed.
//
// PERFORMANCE NOTE: the token part is built once per key and token epoch; a bulk answer only
// appends its version. Its digest folds into the answer's ETag, so a client holding an URL from an
// earlier epoch gets a 200 with a fresh one on its next fetch, never a 304.

import { LRUCache } from 'lru-cache';
import { hashKey } from '../../shared/store/api-keys.ts';
import type { StreamTokens } from '../../shared/streams/token.ts';
import { digestOf, type Digest } from './etag.ts';

export type StreamOfferOptions = {
  /** SWITCHYARD_STREAMS_URL: the streams function's public URL. */
  readonly baseUrl: string;
  readonly tokens: StreamTokens;
  /** How long a hidden page keeps its stream open (the web provider closes it after this). */
  readonly inactivityDelaySec: number;
};

export type StreamOffer = (secret: string, environment: string, version: number, now: number) => { readonly json: string; readonly digest: Digest };

export function streamOffer(options: StreamOfferOptions): StreamOffer {
  const base = `${options.baseUrl.replace(/\/+$/, '')}/v1/streams/changes?token=`;
  const byKey = new LRUCache<string, { readonly renewAt: number; readonly head: string; readonly digest: Digest }>({ max: 1000 });
  return (secret, environment, version, now) => {
    let known = byKey.get(secret);
    if (!known || now >= known.renewAt) {
      const minted = options.tokens.mint(hashKey(secret), environment, now);
      const head = `"eventStreams":[{"type":"sse","inactivityDelaySec":${options.inactivityDelaySec},"url":${JSON.stringify(base + minted.token).slice(0, -1)}&since=`;
      known = { renewAt: minted.renewAt, head, digest: digestOf(head) };
      byKey.set(secret, known);
    }
    return { json: `${known.head}${version}"}]`, digest: known.digest };
  };
}
