// Starting points for a flag being written: a blank boolean flag, a template under a new key, and
// fresh rule ids and conditions that the builder adds.

import type * as z from 'zod';
import type { Condition, FlagInput, RuleSchema } from '../../../../shared/rules/index.ts';

export function blankFlag(key: string): DraftFlag {
  return { key, enabled: false, variants: { on: true, off: false }, offVariant: 'off', defaultVariant: 'off', rules: [] };
}

/** A template's flag under the key the user chose; the template's own key only named the example. */
export function fromTemplate(template: DraftFlag, key: string): DraftFlag {
  const copy = structuredClone(template);
  return { ...copy, key, enabled: false };
}

/** `rule-1`, `rule-2`, …: the first id not taken. */
export function nextRuleId(rules: readonly DraftRule[] | undefined): string {
  const taken = new Set((rules ?? []).map((r) => r.id));
  let n = (rules?.length ?? 0) + 1;
  while (taken.has(`rule-${n}`)) n++;
  return `rule-${n}`;
}

export function newRule(flag: DraftFlag): DraftRule {
  const variant = Object.keys(flag.variants)[0] ?? 'on';
  return { id: nextRuleId(flag.rules), when: { attr: 'plan', op: 'eq', value: 'pro' }, serve: { variant } };
}

export function newClause(): Condition {
  return { attr: 'plan', op: 'eq', value: '' };
}

/** A copy's key: `dark-mode-copy`, `dark-mode-copy-2`, … not taken by another flag. */
export function copyKey(key: string, taken: ReadonlySet<string>): string {
  let candidate = `${key}-copy`;
  for (let n = 2; taken.has(candidate); n++) candidate = `${key}-copy-${n}`;
  return candidate;
}

/**
 * A flag as the console edits it: the schema's input shape (defaults not yet applied), with
 * conditions typed (the schema's recursive condition has no distinct input type).
 */
export type DraftRule = Omit<z.input<typeof RuleSchema>, 'when'> & { when?: Condition };
export type DraftServe = DraftRule['serve'];
export type DraftFlag = Omit<FlagInput, 'rules'> & { rules?: DraftRule[] };
