// Debug lines under load: at most N per one-second window; the rest are counted, and the count is
// reported on the next line written.

export type DebugSampler = {
  /** Whether this debug line may be written now. */
  readonly allow: () => boolean;
  /** Debug lines suppressed in windows that have ended, once; 0 when there is nothing to report. */
  readonly takeReport: () => number;
};

export function createDebugSampler(perSecond: number, now: () => number): DebugSampler {
  let windowStart = 0;
  let written = 0;
  let suppressed = 0;
  let pending = 0;
  const roll = () => {
    const t = now();
    if (t - windowStart >= 1000) {
      pending += suppressed;
      windowStart = t;
      written = 0;
      suppressed = 0;
    }
  };
  return {
    allow: () => {
      roll();
      if (written < perSecond) {
        written++;
        return true;
      }
      suppressed++;
      return false;
    },
    takeReport: () => {
      if (suppressed > 0 || pending > 0) roll();
      const report = pending;
      pending = 0;
      return report;
    },
  };
}
