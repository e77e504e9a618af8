// How often an engine serves the variant ours serves, over a sample of users. Splits are counted
// apart: a peer that hashes differently (GrowthBook) puts other users in the 30%, so for those
// only the share served the first variant is comparable.

import { compileFlag, evaluate, type Evaluation } from '../../shared/rules/index.ts';
import type { Prepared } from './engines/index.ts';
import type { User } from './users.ts';
import { NOW, type Workload } from './workloads.ts';

export type Agreement = {
  readonly compared: number;
  readonly agreePct: number;
  /** Agreement where ours did not serve from a split. */
  readonly agreePctOutsideSplits: number;
  /** Of the evaluations ours served from a split, the share served the split's first variant. */
  readonly splitFirstVariantShare: { readonly ours: number; readonly engine: number } | null;
};

const pct = (part: number, whole: number) => (whole === 0 ? 100 : Math.round((part / whole) * 10000) / 100);

export function agreementOf(workload: Workload, prepared: Prepared, users: readonly User[]): Agreement {
  const flags = workload.flags.map((doc) => {
    const result = compileFlag(doc);
    if (!result.ok) throw new Error(`${doc.key} does not compile`);
    return result.flag;
  });
  const firstOfSplit = workload.flags.map((f) => new Map((f.rules ?? []).flatMap((r) => ('rollout' in r.serve ? [[r.id, r.serve.rollout.split[0]!.variant] as const] : []))));
  let compared = 0, agreed = 0, outside = 0, outsideAgreed = 0, split = 0, oursFirst = 0, engineFirst = 0;
  for (const user of users) {
    const theirs = prepared.variants(user);
    flags.forEach((flag, k) => {
      const ours: Evaluation = evaluate(flag, user, { now: NOW });
      const variant = ours.reason === 'ERROR' ? null : ours.variant;
      compared++;
      if (theirs[k] === variant) agreed++;
      if (ours.reason === 'SPLIT') {
        const first = firstOfSplit[k]!.get(ours.ruleId);
        split++;
        if (variant === first) oursFirst++;
        if (theirs[k] === first) engineFirst++;
      } else {
        outside++;
        if (theirs[k] === variant) outsideAgreed++;
      }
    });
  }
  return {
    compared,
    agreePct: pct(agreed, compared),
    agreePctOutsideSplits: pct(outsideAgreed, outside),
    splitFirstVariantShare: split === 0 ? null : { ours: pct(oursFirst, split), engine: pct(engineFirst, split) },
  };
}
