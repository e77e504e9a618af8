// @openfeature/flagd-core: a FlagdCore loaded with setConfigurations (its JSON Logic targeting is
// compiled by json-logic-engine), resolved per flag with resolveBooleanEvaluation.

import { FlagdCore } from '@openfeature/flagd-core';
import { flagLogic } from '../to-json-logic.ts';
import { callOver, variantsOver, type Engine } from './engine.ts';

export const flagdCore: Engine = (workload) => {
  const flags = Object.fromEntries(
    workload.flags.map((flag) => {
      const targeting = flagLogic(flag, 'flagd');
      return [flag.key, { state: 'ENABLED', variants: flag.variants, defaultVariant: flag.defaultVariant, ...(targeting === null ? {} : { targeting }) }];
    }),
  );
  const core = new FlagdCore();
  core.setConfigurations(JSON.stringify({ flags }));
  const keys = workload.flags.map((f) => f.key);
  const one = (k: number, user: object) => core.resolveBooleanEvaluation(keys[k]!, false, user as Record<string, string | number>);
  return { run: callOver(keys.length, one), variants: variantsOver(keys.length, (k, user) => one(k, user).variant ?? null) };
};
