// Operand values checked against what their attribute can hold: its domain (a country code, a
// browser name) and the catalogue's allowed values. Misses are warnings, each with the value
// probably meant: the document still evaluates, but that clause can never match on that value.

import { listDomain, valueDomain } from '../domains/index.ts';
import { issue, type PathSegment } from '../issues.ts';
import type { OperatorSpec } from '../operators.ts';
import type { AttributeDefinition } from '../schema.ts';
import type { Findings } from './conditions.ts';

/**
 * Nearest spellings are searched while the document has fewer warnings than this: a document
 * full of unknown values (16,000 fit in 256 KiB) would otherwise cost seconds against a list of
 * 1,000 allowed values. Past it, case, aliases and names are still suggested.
 */
export const NEAREST_SEARCHES = 200;

const hint = (suggestion: string | undefined) => (suggestion === undefined ? '' : `; did you mean ${JSON.stringify(suggestion)}?`);

/** The checks of one clause's values on `definition`'s attribute, prepared once per clause. */
export function valueChecker(definition: AttributeDefinition, spec: OperatorSpec, caseInsensitive: boolean, out: Findings): (value: unknown, at: readonly PathSegment[]) => void {
  const never = spec.family === 'array' ? 'never holds it' : 'never equals it';
  const domain = definition.domain === undefined ? undefined : valueDomain(definition.domain);
  const allowed = definition.allowedValues;
  const allowedSet = new Set<unknown>(allowed);
  const allowedStrings = allowed && listDomain(allowed.filter((a): a is string => typeof a === 'string'), 'an allowed value');
  return (value, at) => {
    if (typeof value === 'string' && domain) {
      const verdict = domain.check(value, caseInsensitive, out.warnings.length < NEAREST_SEARCHES);
      if (!verdict.known) {
        const message = `${JSON.stringify(value)} is not ${domain.expected}, so "${definition.name}" ${never}${hint(verdict.suggestion)}`;
        out.warnings.push(issue(at, 'UNKNOWN_VALUE', message, verdict.suggestion));
        return;
      }
    }
    if (!allowed || allowedSet.has(value)) return;
    const verdict = typeof value === 'string' && allowedStrings ? allowedStrings.check(value, caseInsensitive, out.warnings.length < NEAREST_SEARCHES) : { known: false as const };
    if (verdict.known) return;
    const suggestion = 'suggestion' in verdict ? verdict.suggestion : undefined;
    out.warnings.push(issue(at, 'VALUE_NOT_ALLOWED', `${JSON.stringify(value)} is not one of the allowed values of "${definition.name}"${hint(suggestion)}`, suggestion));
  };
}
