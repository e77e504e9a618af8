// The bytes all bodies being read may hold at once, in one process. A route's own limit bounds one
// request; this bounds twenty: admitted callers sending decompression bombs or endless bodies at
// the same time would otherwise make the process hold each route's limit per request (20 x 12 MiB
// for preview). Past it, a body stops being read and its request answers 503 with Retry-After.
//
// Process-wide on purpose: memory is a property of the process, whatever function serves the
// request (the local product runs every function in one process).

export type ByteBudget = {
  /** Takes `bytes` from the budget; false (taking nothing) when that would exceed it. */
  readonly take: (bytes: number) => boolean;
  readonly give: (bytes: number) => void;
  readonly inUse: () => number;
};

export function createByteBudget(maxBytes: number): ByteBudget {
  let used = 0;
  return {
    take: (bytes) => {
      if (used + bytes > maxBytes) return false;
      used += bytes;
      return true;
    },
    give: (bytes) => {
      used = Math.max(0, used - bytes);
    },
    inUse: () => used,
  };
}

/** 24 MiB of decoded and wire bytes in flight: with the decoders' own buffers and the garbage of refused bodies, under the +64 MB a process may grow by under hostile bodies (measured by npm run bench:bodies). */
export const BODY_BYTES_IN_FLIGHT = 24 * 1024 * 1024;

export const processBodyBudget: ByteBudget = createByteBudget(BODY_BYTES_IN_FLIGHT);
