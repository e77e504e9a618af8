// One request per purpose: starting "the flag list" again aborts the one still on its way, so a
// fast switch (another environment, another flag) can never paint the answer of the screen the
// person already left. Callers name a purpose ("library:flags", "editor:flag") and get a signal
// to pass to the client; a superseded call rejects with an AbortError, which views ignore.

export type Latest = {
  /** Runs `request` as the newest call for `purpose`, aborting the one before it. */
  run<T>(purpose: string, request: (signal: AbortSignal) => Promise<T>): Promise<T>;
  /** Aborts every call still running (a screen or the app going away). */
  abortAll(): void;
};

export class SupersededError extends Error {
  override readonly name = 'AbortError';
  constructor(purpose: string) {
    super(`${purpose}: a newer request took its place`);
  }
}

/** True for a call that was superseded or aborted: nothing to show, nothing to report. */
export const isAborted = (err: unknown): boolean => err instanceof Error && err.name === 'AbortError';

export function createLatest(): Latest {
  const running = new Map<string, AbortController>();
  return {
    async run(purpose, request) {
      running.get(purpose)?.abort(new SupersededError(purpose));
      const controller = new AbortController();
      running.set(purpose, controller);
      try {
        const answer = await request(controller.signal);
        // An answer that arrived just as a newer call started is stale too: never hand it back.
        if (controller.signal.aborted) throw new SupersededError(purpose);
        return answer;
      } finally {
        if (running.get(purpose) === controller) running.delete(purpose);
      }
    },
    abortAll() {
      for (const [purpose, controller] of running) controller.abort(new SupersededError(purpose));
      running.clear();
    },
  };
}
