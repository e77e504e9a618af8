// @growthbook/growthbook: the server-side GrowthBookClient (features loaded once with initSync),
// evalFeature(key, userContext) per flag: its cheapest per-user path, one user context per call.

import { GrowthBookClient } from '@growthbook/growthbook';
import { gbFeature } from '../to-growthbook.ts';
import type { User } from '../users.ts';
import type { Engine } from './engine.ts';

export const growthbook: Engine = (workload) => {
  const features = Object.fromEntries(workload.flags.map((flag) => [flag.key, gbFeature(flag)]));
  const gb = new GrowthBookClient().initSync({ payload: { features } as never });
  const keys = workload.flags.map((f) => f.key);
  const names = workload.flags.map((f) => new Map(Object.entries(f.variants).map(([name, value]) => [value, name])));
  const context = (user: User) => ({ attributes: user });
  const run =
    keys.length === 1
      ? (user: User) => gb.evalFeature(keys[0]!, context(user))
      : (user: User) => {
          const ctx = context(user);
          let last: unknown;
          for (const key of keys) last = gb.evalFeature(key, ctx);
          return last;
        };
  return {
    run,
    variants: (user) => {
      const ctx = context(user);
      return keys.map((key, k) => names[k]!.get(gb.evalFeature(key, ctx).value) ?? null);
    },
  };
};
