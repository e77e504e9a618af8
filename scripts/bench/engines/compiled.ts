// Ours, compiled: compileFlag once per flag, then evaluate per call.

import { compileFlag, evaluate, type CompiledFlag, type Evaluation } from '../../../shared/rules/index.ts';
import { NOW } from '../workloads.ts';
import { callOver, variantsOver, type Engine } from './engine.ts';

export const variantOf = (result: Evaluation): string | null => (result.reason === 'ERROR' ? null : result.variant);

export const compiled: Engine = (workload) => {
  const flags: CompiledFlag[] = workload.flags.map((doc) => {
    const result = compileFlag(doc);
    if (!result.ok) throw new Error(`${doc.key} does not compile: ${JSON.stringify(result.errors)}`);
    return result.flag;
  });
  const options = { now: NOW };
  const one = (k: number, user: object) => evaluate(flags[k]!, user, options);
  return { run: callOver(flags.length, one), variants: variantsOver(flags.length, (k, user) => variantOf(one(k, user))) };
};
