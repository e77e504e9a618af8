// The streams function: OFREP 0.3 change streams for browsers (eventStreams of bulk answers). A
// function of its own so that thousands of idle connections never share an instance, its
// concurrency or its memory with the evaluate hot path (terraform/functions.tf says how it is sized).

import { createHttpFunction } from '../../shared/http/http-function.ts';
import type { StreamsFunctionDeps } from './deps.ts';
import { streamRoute } from './stream-route.ts';

export type { StreamsFunctionDeps } from './deps.ts';

export function createStreamsFunction(deps: StreamsFunctionDeps) {
  return createHttpFunction({
    name: 'streams',
    telemetry: deps.telemetry,
    // EventSource in any page holding a client-side key connects cross-origin.
    cors: { origins: '*' },
    routes: [streamRoute(deps)],
  });
}
