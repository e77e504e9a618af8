// The public API of the rules module: what every function, the console and outside tools use.
// Pure: no I/O, no clock (`now` is passed in), no randomness.

import { analyze } from './analyze/index.ts';
import { bucketFor as bucketForHash } from './bucketing.ts';
import type { Flag } from './schema.ts';
import { checkConditionDocument, checkFlagDocument, checkSegmentDocument, type ValidateOptions, type ValidationResult } from './validate/index.ts';

export { analyze, flagComplexity, type Analysis, type AnalyzeOptions } from './analyze/index.ts';
export { complexityOf } from './analyze/complexity.ts';
export { compileFlag, type CompiledFlag, type CompileOptions, type CompileResult } from './compile/flag.ts';
export { evaluate } from './evaluate.ts';
export { interpret, type InterpretOptions } from './interpret.ts';
export { BUCKETS, murmur3 } from './bucketing.ts';
export { LIMITS } from './limits.ts';
export { checkContext } from './context-limits.ts';
export { OPERATORS, OPERATOR_SPECS, NEGATION_PAIRS, ATTRIBUTE_TYPES, type Operator, type OperatorSpec, type AttributeType, type OperandKind } from './operators.ts';
export { ISSUE_CODES, type Issue, type IssueCode } from './issues.ts';
export { REASONS, ERROR_CODES, type Evaluation, type EvaluateOptions, type Reason, type ErrorCode, type Trace, type TraceStep, type ClauseTrace, type UnitMissing } from './evaluation.ts';
export {
  FlagSchema, GoldenTestSchema, SegmentSchema, ConditionSchema, RuleSchema, ClauseSchema, AttributeDefinitionSchema,
  type Flag, type FlagInput, type GoldenTest, type Segment, type Rule, type Clause, type Condition, type Context, type JsonValue,
  type Rollout, type Split, type Schedule, type Experiment, type Prerequisite, type AttributeDefinition,
} from './schema.ts';
export type { ValidateOptions, ValidationResult, Catalogue } from './validate/index.ts';
/** Parses any input with a zod schema into coded issues at JSON Pointers (used at every boundary). */
export { parseShape as parseWithSchema } from './validate/shape.ts';

/** The bucket (0..99,999) of a unit under a salt: MurmurHash3 x86 32 of `salt/unit`. */
export function bucketFor(salt: string, unit: string): number {
  return bucketForHash(salt, unit);
}

/** Every error and warning of a flag (or, with `kind`, a segment or a bare condition). */
export function validate(doc: unknown, options: ValidateOptions = {}): ValidationResult {
  if (options.kind === 'condition') return checkConditionDocument(doc, options);
  if (options.kind === 'segment') {
    const checked = checkSegmentDocument(doc, options);
    return { errors: checked.ok ? [] : checked.errors, warnings: checked.warnings };
  }
  const checked = checkFlagDocument(doc, options);
  if (!checked.ok) return { errors: checked.errors, warnings: checked.warnings };
  const analysis = analyze(checked.value, { segments: options.segments, stop: options.stop });
  const warnings = [...checked.warnings, ...flagWarnings(checked.value), ...analysis.conflicts];
  return analysis.stopped ? { errors: [], warnings, stopped: analysis.stopped } : { errors: [], warnings };
}

/** Warnings about a valid flag that do not need the analysis of its rules. */
function flagWarnings(flag: Flag): ValidationResult['warnings'] {
  const types = new Set(Object.values(flag.variants).map((v) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v)));
  return types.size > 1
    ? [{ path: '/variants', code: 'MIXED_VARIANT_TYPES', message: `variants hold values of ${types.size} JSON types (${[...types].join(', ')}); typed SDK calls will report TYPE_MISMATCH for some` }]
    : [];
}
export { unreachable } from './unreachable.ts';
export { VALUE_DOMAINS, valueDomain, listDomain, fitValues, COUNTRY_NAMES, DEVICE_TYPES, BROWSER_NAMES, OS_NAMES, type ValueDomain, type ValueDomainName, type ValueVerdict } from './domains/index.ts';
