// Checks a clause against the attribute catalogue: the attribute's type must suit the operator,
// equality operands must be of the attribute's type, and operands naming values should be values
// the attribute can hold (its domain, its allowed values).

import { issue, type PathSegment } from '../issues.ts';
import { specOf } from '../operators.ts';
import type { AttributeDefinition, Clause } from '../schema.ts';
import type { Findings } from './conditions.ts';
import { valueChecker } from './values.ts';

/** Attributes every context may carry without being catalogued. */
const BUILT_IN = new Set(['targetingKey']);

const SCALAR_TYPE = { string: 'string', number: 'number', boolean: 'boolean', date: 'string', semver: 'string' } as const;

export function checkAgainstCatalogue(clause: Clause, at: readonly PathSegment[], catalogue: ReadonlyMap<string, AttributeDefinition>, out: Findings): void {
  const attr = clause.attr!;
  const definition = catalogue.get(attr);
  if (!definition) {
    if (!BUILT_IN.has(attr) && !attr.startsWith('behavior.')) {
      out.warnings.push(issue([...at, 'attr'], 'UNKNOWN_ATTRIBUTE', `"${attr}" is not in the attribute catalogue`));
    }
    return;
  }
  const spec = specOf(clause.op);
  if (!spec.accepts.includes(definition.type)) {
    out.errors.push(issue([...at, 'op'], 'ATTRIBUTE_TYPE_MISMATCH', `"${attr}" is a ${definition.type}; "${clause.op}" applies to ${spec.accepts.join(' or ')} attributes`));
    return;
  }
  if (!spec.checksValues) return;
  const list = spec.operand === 'scalarList';
  // A malformed operand is refused by the operand check already; one refusal says it best.
  if (list && !Array.isArray(clause.value)) return;
  const values = list ? (clause.value as unknown[]) : [clause.value];
  const typed = spec.family === 'equality' && definition.type in SCALAR_TYPE;
  const expected = SCALAR_TYPE[definition.type as keyof typeof SCALAR_TYPE];
  const checkValue = valueChecker(definition, spec, clause.caseInsensitive ?? false, out);
  values.forEach((value, i) => {
    const where = list ? [...at, 'value', i] : [...at, 'value'];
    if (typed && typeof value !== expected) {
      out.errors.push(issue(where, 'ATTRIBUTE_TYPE_MISMATCH', `"${attr}" is a ${definition.type}, but ${JSON.stringify(value)} is a ${typeof value}`));
    } else {
      checkValue(value, where);
    }
  });
}
