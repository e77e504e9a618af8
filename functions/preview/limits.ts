// The request limits of the preview function, each answered with a precise problem past it.

export const PREVIEW_LIMITS = {
  /** Test users in one preview or one rollout estimate's sample. */
  users: 10_000,
  /** 10,000 users of about 1 KiB each, plus a flag document of at most 256 KiB. */
  bodyBytes: 12 * 1024 * 1024,
  /** Users a performance measurement takes from the request (synthetic ones otherwise). */
  benchmarkUsers: 1000,
  /** Drafts of segments and flags laid over the environment's in one request. */
  drafts: 1000,
} as const;
