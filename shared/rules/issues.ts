// Problems found in a rule document: values with a stable code and a JSON Pointer to the field,
// so the console can put each message where it belongs.

export const ISSUE_CODES = [
  // shape
  'REQUIRED', 'INVALID_TYPE', 'UNKNOWN_FIELD', 'INVALID_VALUE', 'INVALID_KEY', 'UNKNOWN_OPERATOR', 'RESERVED_KEY',
  // operands
  'INVALID_OPERAND', 'MISSING_VALUE', 'UNEXPECTED_VALUE', 'MISSING_ATTRIBUTE', 'UNEXPECTED_ATTRIBUTE',
  'CASE_INSENSITIVE_NOT_SUPPORTED', 'EMPTY_LIST', 'NUMBER_OUT_OF_RANGE', 'INVALID_RANGE',
  'INVALID_REGEX', 'REGEX_TOO_LONG', 'INVALID_SEMVER', 'INVALID_DATE', 'INVALID_TIMEZONE',
  'INVALID_TIME', 'EMPTY_TIME_WINDOW', 'INVALID_PERCENT', 'INVALID_BEHAVIOR_ATTRIBUTE',
  // references and structure
  'UNKNOWN_VARIANT', 'WEIGHTS_NOT_100', 'DUPLICATE_RULE_ID', 'UNKNOWN_SEGMENT', 'UNKNOWN_FLAG',
  'SEGMENT_CYCLE', 'PREREQUISITE_CYCLE', 'INVALID_SCHEDULE',
  // catalogue
  'ATTRIBUTE_TYPE_MISMATCH', 'UNKNOWN_ATTRIBUTE', 'VALUE_NOT_ALLOWED', 'UNKNOWN_VALUE',
  // limits
  'DOCUMENT_TOO_LARGE', 'REGEX_TOO_COMPLEX', 'REGEX_BUDGET_EXCEEDED', 'CONDITION_TOO_LARGE', 'TOO_MANY_RULES', 'TOO_MANY_CLAUSES', 'TOO_DEEP', 'LIST_TOO_LONG', 'TOO_MANY_VARIANTS',
  // analysis (warnings)
  'SHADOWED_RULE', 'UNREACHABLE_RULE', 'CONTRADICTORY_CLAUSES', 'OVERLAPPING_RULES', 'UNUSED_VARIANT',
  'MIXED_VARIANT_TYPES',
] as const;

export type IssueCode = (typeof ISSUE_CODES)[number];

export type Issue = {
  /** JSON Pointer into the document, e.g. `/rules/2/when/all/0/value`. */
  readonly path: string;
  readonly code: IssueCode;
  readonly message: string;
  /** The value probably meant at `path`, where one is found: `"DE"` for `"Germany"` in `geo.country`. */
  readonly suggestion?: string;
};

export type PathSegment = string | number;

/** RFC 6901 JSON Pointer of a path. */
export function pointer(path: readonly PathSegment[]): string {
  return path.map((s) => `/${String(s).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');
}

export function issue(path: readonly PathSegment[], code: IssueCode, message: string, suggestion?: string): Issue {
  return suggestion === undefined ? { path: pointer(path), code, message } : { path: pointer(path), code, message, suggestion };
}
