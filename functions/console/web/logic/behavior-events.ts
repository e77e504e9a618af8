// The behavioural view: which tracked events a flag's rules read (`behavior.<event>.count_<N>d`),
// over which window and with which test, rule by rule.

import type { Condition } from '../../../../shared/rules/index.ts';
import type { DraftFlag } from './flag-draft.ts';
import { childrenOf } from './rule-tree.ts';

export type EventUse = { readonly ruleId: string; readonly event: string; readonly windowDays: number; readonly op: string; readonly value: unknown; readonly negated: boolean };

const BEHAVIOR_ATTR = /^behavior\.([^.]+)\.count_(\d+)d$/;

function collect(condition: Condition, ruleId: string, negated: boolean, out: EventUse[]): void {
  if ('attr' in condition && typeof condition.attr === 'string') {
    const match = BEHAVIOR_ATTR.exec(condition.attr);
    if (match) out.push({ ruleId, event: match[1]!, windowDays: Number(match[2]), op: condition.op, value: condition.value, negated });
    return;
  }
  const flips = 'not' in condition;
  for (const child of childrenOf(condition)) collect(child, ruleId, flips ? !negated : negated, out);
}

export function eventsUsed(flag: DraftFlag): EventUse[] {
  const out: EventUse[] = [];
  for (const rule of flag.rules ?? []) if (rule.when) collect(rule.when, rule.id, false, out);
  return out;
}
