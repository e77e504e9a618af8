// The split an experiment's exposures are held against: read from the flag store, from the rule
// whose rollout names the experiment (rollout.experiment.id). Exposures carry only the experiment
// id, so the weights are today's; changing a running experiment's split makes its SRM check
// compare against the new weights (functions/aggregate/README.md).

import type { Flag } from '../rules/index.ts';
import type { FlagStore } from '../store/ports.ts';
import type { ExperimentRef } from './rollup-store.ts';
import { addCount } from '../rules/own.ts';

export type Weights = Readonly<Record<string, number>>;

/** The weights by variant of the first rollout in `flags` that names `experiment`. */
export function weightsIn(flags: readonly Flag[], experiment: string): Weights | undefined {
  for (const flag of flags) {
    for (const rule of flag.rules ?? []) {
      if (!('rollout' in rule.serve) || rule.serve.rollout.experiment?.id !== experiment) continue;
      const weights: Record<string, number> = {};
      for (const { variant, weight } of rule.serve.rollout.split) addCount(weights, variant, weight);
      return weights;
    }
  }
  return undefined;
}

/** Weights per experiment (by experimentId) for one run; an environment's snapshot is read once. */
export async function experimentWeights(flags: FlagStore, refs: readonly ExperimentRef[], onError: (environment: string, error: unknown) => void): Promise<Map<string, Weights>> {
  const out = new Map<string, Weights>();
  const environments = [...new Set(refs.map((r) => r.environment))];
  await Promise.all(
    environments.map(async (environment) => {
      try {
        const snapshot = await flags.snapshot(environment);
        for (const ref of refs.filter((r) => r.environment === environment)) {
          const weights = snapshot ? weightsIn(snapshot.flags, ref.experiment) : undefined;
          if (weights) out.set(`${environment}\u0001${ref.experiment}`, weights);
        }
      } catch (error) {
        // No SRM for this environment in this run: the counts are merged all the same.
        onError(environment, error);
      }
    }),
  );
  return out;
}
