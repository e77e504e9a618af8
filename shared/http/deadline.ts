// A bound on how long a request waits for a dependency. Google's clients retry an unreachable
// service for up to a minute; a caller should hear "unavailable, retry" in seconds instead.
// The work itself cannot be cancelled: it goes on, and what it does later is only logged.

import { dependencyError } from '../telemetry/errors.ts';

/** `work`, or a dependency error (answered 503) once `ms` have passed; `late` hears how a late work ended. */
export function withinDeadline<T>(work: Promise<T>, ms: number, dependency: string, late: (outcome: unknown) => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  let expired = false;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      expired = true;
      reject(dependencyError(dependency, `${dependency} did not answer within ${ms} ms`));
    }, ms);
  });
  work.then(
    (value) => expired && late(value),
    (error: unknown) => expired && late(error),
  );
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}
