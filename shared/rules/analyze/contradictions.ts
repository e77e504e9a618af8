// Clauses that cannot all hold together within one `all` group (nested groups flattened, `not`
// pushed inwards): `country in [US]` with `country in [DE]`, `age > 65` with `age < 18`...
// reported where the group is written, once per group.

import { issue, type Issue } from '../issues.ts';
import type { RuleForm } from './forms.ts';
import { literalClashOf } from './logic.ts';
import { literalsOf, type Conjunction } from './normalize.ts';
import { clashText } from './reachability.ts';

function scopesOf(conjunction: Conjunction): Conjunction[] {
  return [conjunction, ...conjunction.terms.flatMap((t) => (t.kind === 'any' ? t.branches.flatMap(scopesOf) : []))];
}

export function contradictions(forms: readonly RuleForm[]): Issue[] {
  return forms.flatMap((form) =>
    scopesOf(form.condition).flatMap((scope) => {
      const clash = literalClashOf(literalsOf(scope.terms));
      if (!clash) return [];
      const who = scope === form.condition ? 'Rule' : 'An alternative of rule';
      return [issue(scope.path, 'CONTRADICTORY_CLAUSES', `${who} '${form.rule.id}' never matches: ${clashText(clash)}.`)];
    }),
  );
}
