// Operand values checked against what their attribute can hold: its domain (a country code, a
// browser name) and the catalogue's allowed values. Misses are warnings, each with the value
// probably meant: the document still evaluates, but that clause can never match on that value.

import { listDomain, valueDomain } from '../domains/index.ts';
import { issue, type PathSegment } from '../issues.ts';
import type { OperatorSpec } from '../operators.ts';
import type { AttributeDefinition } from '../schema.ts';
import type { Findings } from './conditions.ts';

const hint = (suggestion: string | undefined) => (suggestion === undefined ? '' : `; did you mean ${JSON.stringify(suggestion)}?`);

/** One operand value (or list element) of a clause on `definition`'s attribute. */
export function checkValue(value: unknown, at: readonly PathSegment[], definition: AttributeDefinition, spec: OperatorSpec, caseInsensitive: boolean, out: Findings): void {
  const never = spec.family === 'array' ? 'no array it holds has it' : 'never equals it';
  if (typeof value === 'string' && definition.domain !== undefined) {
    const domain = valueDomain(definition.domain);
    const verdict = domain.check(value, caseInsensitive);
    if (!verdict.known) {
      const message = `${JSON.stringify(value)} is not ${domain.expected}, so "${definition.name}" ${never}${hint(verdict.suggestion)}`;
      out.warnings.push(issue(at, 'UNKNOWN_VALUE', message, verdict.suggestion));
      return;
    }
  }
  const allowed = definition.allowedValues;
  if (!allowed || allowed.some((a) => a === value)) return;
  const strings = allowed.filter((a): a is string => typeof a === 'string');
  const verdict = typeof value === 'string' ? listDomain(strings, 'an allowed value').check(value, caseInsensitive) : { known: false as const };
  if (verdict.known) return;
  const suggestion = 'suggestion' in verdict ? verdict.suggestion : undefined;
  out.warnings.push(issue(at, 'VALUE_NOT_ALLOWED', `${JSON.stringify(value)} is not one of the allowed values of "${definition.name}"${hint(suggestion)}`, suggestion));
}
