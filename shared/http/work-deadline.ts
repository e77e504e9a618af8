// A deadline for the CPU work a request asks for (many users through a flag, many golden tests).
// The rules core is pure and synchronous, so the edge checks this between units of work (one
// evaluation each) and stops past it: a request then costs at most its deadline and one unit.
// The clock is injected so tests can count instead of time.

import { problem, type Problem } from './problem.ts';

export type WorkDeadline = {
  readonly ms: number;
  readonly expired: () => boolean;
  readonly elapsedMs: () => number;
};

export type Clock = () => number;

export const monotonic: Clock = () => performance.now();

export function workDeadline(ms: number, clock: Clock = monotonic): WorkDeadline {
  const start = clock();
  return { ms, expired: () => clock() - start >= ms, elapsedMs: () => clock() - start };
}

/** 422 DEADLINE_EXCEEDED: how far the work got, at the path of the list it was working through. */
export function deadlineProblem(path: string, done: number, total: number, what: string, ms: number): Problem {
  const detail = `the request ran out of its ${ms} ms deadline after ${done} of ${total} ${what}; send fewer ${what} or a simpler flag, or split the request`;
  return problem('DEADLINE_EXCEEDED', detail, [{ path, code: 'DEADLINE_EXCEEDED', message: `stopped at ${path}/${done}` }]);
}
