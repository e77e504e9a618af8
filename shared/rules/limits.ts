// The hard limits of the rule language. Each one is enforced by validation (or, for request-scoped
// limits, by the HTTP edge) and tested at the limit and one past it.

export const LIMITS = {
  /** Bytes of an evaluate request body (enforced by the HTTP edge). */
  evaluateBodyBytes: 64 * 1024,
  /** Top-level attributes of one evaluation context. */
  contextAttributes: 100,
  /** UTF-8 bytes of one string attribute value in a context. */
  attributeStringBytes: 1024,
  /** UTF-8 bytes of a flag document serialised as JSON. */
  flagDocumentBytes: 256 * 1024,
  rulesPerFlag: 50,
  /**
   * Nodes of one rule's condition (or a segment's) with its segments inlined (expansion.ts): 50
   * rules of 30 clauses each is 1,500 written; segments referencing segments may multiply that,
   * and everything that inlines them (compiler, analysis) would pay for each copy.
   */
  expandedConditionNodes: 5000,
  /** Leaf clauses (and segment references) in one rule's condition. */
  clausesPerRule: 30,
  /** Nested groups (all / any / not) above a clause. */
  nestingDepth: 6,
  /** Values in one list operand, and variants in one split. */
  listValues: 1000,
  /** Characters of a regex pattern. */
  regexLength: 256,
  /**
   * Weighted instructions a regex pattern compiles to (regex/size.ts): counted repetitions
   * expanded, a Unicode class weighing 4. Matching costs up to one step per instruction per input
   * character, so this bounds a clause's cost where the length cannot (`\pL{1000}` is 10
   * characters and 4,000 weighted instructions). 300 keeps a 256-character literal pattern.
   */
  regexProgramSize: 300,
  /**
   * Alternatives a regex pattern may track at once when its DFA cannot be built in full (the
   * NFA simulation's width: its reading nodes). Such a search costs up to one step per
   * alternative per input character, ~11 ns on the benchmark machine: 48 keeps 64 KiB under
   * 35 ms and 1 KiB under 0.6 ms (DESIGN.md 7). A pattern whose DFA is built in full is not held
   * to it: it costs one table read per character.
   */
  regexWidth: 48,
  /**
   * The same, for a pattern our engine leaves to re2js (`\b`, `(?m)`, Unicode case folding, flags
   * inside the pattern): its program's reading instructions. re2js's steps cost about 3 times ours
   * and its lazy DFA builds states slowly, so it is held lower.
   */
  regexWidthRe2js: 16,
  /** Weighted regex instructions of all `matches` clauses of a flag, its segments' included. */
  regexProgramSizePerFlag: 1_500,
  variantsPerFlag: 100,
  /** Characters of a flag, segment, rule, variant or experiment key. */
  keyLength: 128,
  /** Largest magnitude a number may have anywhere in a rule: 2^53 - 1. */
  maxSafeNumber: Number.MAX_SAFE_INTEGER,
} as const;
