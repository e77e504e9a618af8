// Ours, interpreted: the reference interpreter walks the flag document on every call.

import { interpret } from '../../../shared/rules/index.ts';
import { NOW } from '../workloads.ts';
import { variantOf } from './compiled.ts';
import { callOver, variantsOver, type Engine } from './engine.ts';

export const interpreted: Engine = (workload) => {
  const docs = workload.flags;
  const options = { now: NOW };
  const one = (k: number, user: object) => interpret(docs[k]!, user, options);
  return { run: callOver(docs.length, one), variants: variantsOver(docs.length, (k, user) => variantOf(one(k, user))) };
};
