// Variants nothing can serve: no live rule, no split share, neither the default nor the off variant.

import { issue, type Issue } from '../issues.ts';
import type { Flag } from '../schema.ts';
import type { RuleForm } from './forms.ts';

/** The variants a rule can serve: its variant, or its split's variants with a share (and the first, for users without a unit). */
function servable(form: RuleForm): string[] {
  const serve = form.rule.serve;
  if ('variant' in serve) return [serve.variant];
  const shared = serve.rollout.split.filter((s) => s.weight > 0).map((s) => s.variant);
  return serve.rollout.whenUnitMissing === 'first_variant' ? [serve.rollout.split[0]!.variant, ...shared] : shared;
}

function named(form: RuleForm): string[] {
  const serve = form.rule.serve;
  return 'variant' in serve ? [serve.variant] : serve.rollout.split.map((s) => s.variant);
}

export function unusedVariants(flag: Flag, forms: readonly RuleForm[], dead: ReadonlySet<number>): Issue[] {
  const used = new Set([flag.offVariant, flag.defaultVariant, ...forms.filter((f) => !dead.has(f.index)).flatMap(servable)]);
  return Object.keys(flag.variants)
    .filter((variant) => !used.has(variant))
    .map((variant) => {
      const mentions = forms.filter((f) => named(f).includes(variant)).map((f) => `'${f.rule.id}'`);
      const note = mentions.length === 0 ? 'no rule serves it' : `rule${mentions.length > 1 ? 's' : ''} ${mentions.join(', ')} name${mentions.length > 1 ? '' : 's'} it but can never serve it`;
      return issue(['variants', variant], 'UNUSED_VARIANT', `Variant '${variant}' is never served: ${note}, and it is neither the default nor the off variant.`);
    });
}
