// The evaluate function's dependencies: the shared wiring (keys, limiter, snapshots, behaviour
// counters) plus the change streams its bulk answers offer when SWITCHYARD_STREAMS_URL is set.

import type { RuntimeConfig } from '../../shared/config/runtime-config.ts';
import { evaluateDepsFor, streamTokensFor } from '../../shared/wiring.ts';
import type { EvaluateDeps } from './request-context.ts';
import { streamOffer } from './stream-offer.ts';

/** How long a hidden page keeps its stream open (the OFREP web provider's own default). */
const INACTIVITY_DELAY_SECONDS = 120;

export function evaluateDeps(config: RuntimeConfig): EvaluateDeps {
  const deps = evaluateDepsFor(config);
  if (!config.SWITCHYARD_STREAMS_URL) return deps;
  const tokens = streamTokensFor(config, 'SWITCHYARD_STREAMS_URL');
  return { ...deps, streams: streamOffer({ baseUrl: config.SWITCHYARD_STREAMS_URL, tokens, inactivityDelaySec: INACTIVITY_DELAY_SECONDS }) };
}
