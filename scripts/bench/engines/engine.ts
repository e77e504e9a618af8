// What every engine adapter provides: the timed call and, untimed, the variants it served.

import type { User } from '../users.ts';
import type { Workload } from '../workloads.ts';

export const ENGINE_NAMES = ['compiled', 'interpreted', 'json-logic-js', 'flagd-core', 'growthbook'] as const;
export type EngineName = (typeof ENGINE_NAMES)[number];

export type Prepared = {
  /** The timed call: the workload's one flag (W1, W3) or all of its flags (W2) for one user. */
  readonly run: (user: User) => unknown;
  /** The variant name served for each of the workload's flags (null on error), for agreement. */
  readonly variants: (user: User) => (string | null)[];
};

/** Builds an engine's state for a workload once; throws `Unsupported` when it cannot express it. */
export type Engine = (workload: Workload) => Prepared;

/** Turns "evaluate flag k" into a call over the workload's flags, so every engine loops alike. */
export function callOver<R>(count: number, one: (k: number, user: User) => R): (user: User) => unknown {
  if (count === 1) return (user) => one(0, user);
  return (user) => {
    let last: R | undefined;
    for (let k = 0; k < count; k++) last = one(k, user);
    return last;
  };
}

export function variantsOver(count: number, variantOf: (k: number, user: User) => string | null): (user: User) => (string | null)[] {
  return (user) => Array.from({ length: count }, (_, k) => variantOf(k, user));
}
