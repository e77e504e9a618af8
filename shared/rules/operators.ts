// The operator table: one row per operator, the single source for the schema's enum, validation,
// the compiler's cost ordering, the console's dropdowns and the test matrix.

export const OPERATORS = [
  'eq', 'neq', 'in', 'not_in',
  'contains', 'not_contains', 'starts_with', 'ends_with', 'matches',
  'gt', 'gte', 'lt', 'lte', 'between',
  'before', 'after', 'between_dates', 'time_window',
  'semver_eq', 'semver_gt', 'semver_gte', 'semver_lt', 'semver_lte', 'semver_between',
  'contains_all', 'contains_any', 'contains_none', 'size_eq', 'size_gt', 'size_lt',
  'exists', 'not_exists',
  'within_radius',
  'in_rollout',
] as const;

export type Operator = (typeof OPERATORS)[number];

/** The shape an operator's `value` must have; each kind has one parser in operands.ts. */
export type OperandKind =
  | 'scalar' | 'scalarList' | 'string' | 'regex' | 'number' | 'numberRange' | 'date' | 'dateRange'
  | 'timeWindow' | 'semver' | 'semverRange' | 'size' | 'none' | 'geo' | 'rollout';

/** Attribute types of the attribute catalogue. */
export const ATTRIBUTE_TYPES = ['string', 'number', 'boolean', 'date', 'semver', 'array', 'geo'] as const;
export type AttributeType = (typeof ATTRIBUTE_TYPES)[number];

/** How a list operator relates the attribute to its values: equal to one, an array holding any, or all. */
export type ListTest = 'one_of' | 'holds_any' | 'holds_all';
/** Where a text operator looks for its operand in the attribute. */
export type TextTest = 'prefix' | 'suffix' | 'infix';
/** How an ordering operator places the attribute against its operand. */
export type Order = 'lt' | 'lte' | 'eq' | 'gte' | 'gt';

type Common = {
  readonly family: 'equality' | 'string' | 'number' | 'date' | 'semver' | 'array' | 'presence' | 'geo' | 'rollout';
  /** Whether `caseInsensitive` applies. */
  readonly foldsCase: boolean;
  /**
   * Whether the operand's values are values the attribute (or, for an array, its elements) holds,
   * so they can be checked against the attribute's domain: `"DE"` in `geo.country in ["DE"]` is,
   * a prefix or a pattern is not.
   */
  readonly checksValues: boolean;
  /** Whether the clause names an attribute (`time_window` reads only the clock). */
  readonly needsAttr: boolean;
  /** The positive operator this one is exactly the negation of. */
  readonly negates?: Operator;
  /** Catalogue types the attribute may have. */
  readonly accepts: readonly AttributeType[];
  /** Relative cost of one evaluation, used to order clauses and to score complexity. */
  readonly cost: number;
};

/**
 * The operand's kind and, where several operators share a kind, the test this one applies (a
 * negated operator names its twin's): the evaluators and the analysis read `test` from the parsed
 * operand, so an operator's behaviour is its row, not its name.
 */
export type OperandTest =
  | { readonly operand: 'scalarList'; readonly test: ListTest }
  | { readonly operand: 'string'; readonly test: TextTest }
  | { readonly operand: 'number'; readonly test: Exclude<Order, 'eq'> }
  | { readonly operand: 'date'; readonly test: 'lt' | 'gt' }
  | { readonly operand: 'semver'; readonly test: Order }
  | { readonly operand: 'size'; readonly test: 'lt' | 'eq' | 'gt' }
  | { readonly operand: 'scalar' | 'regex' | 'numberRange' | 'dateRange' | 'timeWindow' | 'semverRange' | 'none' | 'geo' | 'rollout'; readonly test?: never };

export type OperatorSpec = Common & OperandTest;

/** The row type of operators whose operand is of kind K. */
export type SpecOf<K extends OperandKind> = Common & Extract<OperandTest, { readonly operand: K }>;

const EQUATABLE = ['string', 'number', 'boolean', 'date', 'semver'] as const;
const TEXT = ['string', 'semver'] as const;
const ANY = ATTRIBUTE_TYPES;

// prettier-ignore
export const OPERATOR_SPECS = {
  eq:             { family: 'equality', operand: 'scalar',                        foldsCase: true,  checksValues: true,  needsAttr: true,  accepts: EQUATABLE,            cost: 1 },
  neq:            { family: 'equality', operand: 'scalar',                        foldsCase: true,  checksValues: true,  needsAttr: true,  accepts: EQUATABLE,            cost: 1, negates: 'eq' },
  in:             { family: 'equality', operand: 'scalarList', test: 'one_of',    foldsCase: true,  checksValues: true,  needsAttr: true,  accepts: EQUATABLE,            cost: 1.5 },
  not_in:         { family: 'equality', operand: 'scalarList', test: 'one_of',    foldsCase: true,  checksValues: true,  needsAttr: true,  accepts: EQUATABLE,            cost: 1.5, negates: 'in' },
  contains:       { family: 'string',   operand: 'string',     test: 'infix',     foldsCase: true,  checksValues: false, needsAttr: true,  accepts: TEXT,                 cost: 2 },
  not_contains:   { family: 'string',   operand: 'string',     test: 'infix',     foldsCase: true,  checksValues: false, needsAttr: true,  accepts: TEXT,                 cost: 2, negates: 'contains' },
  starts_with:    { family: 'string',   operand: 'string',     test: 'prefix',    foldsCase: true,  checksValues: false, needsAttr: true,  accepts: TEXT,                 cost: 1.5 },
  ends_with:      { family: 'string',   operand: 'string',     test: 'suffix',    foldsCase: true,  checksValues: false, needsAttr: true,  accepts: TEXT,                 cost: 1.5 },
  matches:        { family: 'string',   operand: 'regex',                         foldsCase: true,  checksValues: false, needsAttr: true,  accepts: TEXT,                 cost: 8 },
  gt:             { family: 'number',   operand: 'number',     test: 'gt',        foldsCase: false, checksValues: false, needsAttr: true,  accepts: ['number'],           cost: 1 },
  gte:            { family: 'number',   operand: 'number',     test: 'gte',       foldsCase: false, checksValues: false, needsAttr: true,  accepts: ['number'],           cost: 1 },
  lt:             { family: 'number',   operand: 'number',     test: 'lt',        foldsCase: false, checksValues: false, needsAttr: true,  accepts: ['number'],           cost: 1 },
  lte:            { family: 'number',   operand: 'number',     test: 'lte',       foldsCase: false, checksValues: false, needsAttr: true,  accepts: ['number'],           cost: 1 },
  between:        { family: 'number',   operand: 'numberRange',                   foldsCase: false, checksValues: false, needsAttr: true,  accepts: ['number'],           cost: 1.2 },
  before:         { family: 'date',     operand: 'date',       test: 'lt',        foldsCase: false, checksValues: false, needsAttr: true,  accepts: ['date'],             cost: 3 },
  after:          { family: 'date',     operand: 'date',       test: 'gt',        foldsCase: false, checksValues: false, needsAttr: true,  accepts: ['date'],             cost: 3 },
  between_dates:  { family: 'date',     operand: 'dateRange',                     foldsCase: false, checksValues: false, needsAttr: true,  accepts: ['date'],             cost: 3.2 },
  time_window:    { family: 'date',     operand: 'timeWindow',                    foldsCase: false, checksValues: false, needsAttr: false, accepts: [],                   cost: 6 },
  semver_eq:      { family: 'semver',   operand: 'semver',     test: 'eq',        foldsCase: false, checksValues: false, needsAttr: true,  accepts: ['semver'],           cost: 4 },
  semver_gt:      { family: 'semver',   operand: 'semver',     test: 'gt',        foldsCase: false, checksValues: false, needsAttr: true,  accepts: ['semver'],           cost: 4 },
  semver_gte:     { family: 'semver',   operand: 'semver',     test: 'gte',       foldsCase: false, checksValues: false, needsAttr: true,  accepts: ['semver'],           cost: 4 },
  semver_lt:      { family: 'semver',   operand: 'semver',     test: 'lt',        foldsCase: false, checksValues: false, needsAttr: true,  accepts: ['semver'],           cost: 4 },
  semver_lte:     { family: 'semver',   operand: 'semver',     test: 'lte',       foldsCase: false, checksValues: false, needsAttr: true,  accepts: ['semver'],           cost: 4 },
  semver_between: { family: 'semver',   operand: 'semverRange',                   foldsCase: false, checksValues: false, needsAttr: true,  accepts: ['semver'],           cost: 4.5 },
  contains_all:   { family: 'array',    operand: 'scalarList', test: 'holds_all', foldsCase: true,  checksValues: true,  needsAttr: true,  accepts: ['array'],            cost: 3 },
  contains_any:   { family: 'array',    operand: 'scalarList', test: 'holds_any', foldsCase: true,  checksValues: true,  needsAttr: true,  accepts: ['array'],            cost: 3 },
  contains_none:  { family: 'array',    operand: 'scalarList', test: 'holds_any', foldsCase: true,  checksValues: true,  needsAttr: true,  accepts: ['array'],            cost: 3, negates: 'contains_any' },
  size_eq:        { family: 'array',    operand: 'size',       test: 'eq',        foldsCase: false, checksValues: false, needsAttr: true,  accepts: ['array'],            cost: 1 },
  size_gt:        { family: 'array',    operand: 'size',       test: 'gt',        foldsCase: false, checksValues: false, needsAttr: true,  accepts: ['array'],            cost: 1 },
  size_lt:        { family: 'array',    operand: 'size',       test: 'lt',        foldsCase: false, checksValues: false, needsAttr: true,  accepts: ['array'],            cost: 1 },
  exists:         { family: 'presence', operand: 'none',                          foldsCase: false, checksValues: false, needsAttr: true,  accepts: ANY,                  cost: 0.5 },
  not_exists:     { family: 'presence', operand: 'none',                          foldsCase: false, checksValues: false, needsAttr: true,  accepts: ANY,                  cost: 0.5, negates: 'exists' },
  within_radius:  { family: 'geo',      operand: 'geo',                           foldsCase: false, checksValues: false, needsAttr: true,  accepts: ['geo'],              cost: 5 },
  in_rollout:     { family: 'rollout',  operand: 'rollout',                       foldsCase: false, checksValues: false, needsAttr: true,  accepts: ['string', 'number'], cost: 4 },
} as const satisfies Record<Operator, OperatorSpec>;

export function specOf(op: Operator): OperatorSpec {
  return OPERATOR_SPECS[op];
}

/** Pairs `[negated, positive]`: each negated operator is exactly `not` of its twin. */
export const NEGATION_PAIRS = OPERATORS.flatMap((op) => {
  const positive = specOf(op).negates;
  return positive ? [[op, positive] as const] : [];
});
