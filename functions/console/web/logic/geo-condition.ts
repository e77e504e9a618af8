// The map edits one clause of a rule: the first `geo.country` `in` clause in its condition. A
// click toggles a country in it; a rule without one gets it (ANDed with what is there).

import type { Condition } from '../../../../shared/rules/index.ts';
import { insertAt, isGroup, nodeAt, removeAt, replaceAt, walk, type TreePath } from './rule-tree.ts';

export const GEO_ATTR = 'geo.country';

export function findCountryClause(when: Condition | undefined): { path: TreePath; codes: string[] } | undefined {
  if (when === undefined) return undefined;
  let found: { path: TreePath; codes: string[] } | undefined;
  walk(when, (node, path) => {
    if (found === undefined && 'attr' in node && node.attr === GEO_ATTR && node.op === 'in') {
      found = { path, codes: Array.isArray(node.value) ? node.value.filter((v): v is string => typeof v === 'string') : [] };
    }
  });
  return found;
}

export function toggleCountry(when: Condition | undefined, code: string): Condition | undefined {
  const found = findCountryClause(when);
  if (when === undefined || found === undefined) {
    const clause: Condition = { attr: GEO_ATTR, op: 'in', value: [code] };
    if (when === undefined) return clause;
    return isGroup(when) && 'all' in when ? insertAt(when, [], when.all.length, clause) : { all: [when, clause] };
  }
  const codes = found.codes.includes(code) ? found.codes.filter((c) => c !== code) : [...found.codes, code].sort();
  if (codes.length === 0) return removeAt(when, found.path);
  const node = nodeAt(when, found.path)!;
  return replaceAt(when, found.path, { ...node, value: codes } as Condition);
}
