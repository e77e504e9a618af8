// zod schemas of the rule language; the TypeScript types are inferred from them. Shapes only:
// operands, references and limits that need more than a shape are checked in validate/.

import * as z from 'zod';
import { LIMITS } from './limits.ts';
import { OPERATORS } from './operators.ts';
import { VALUE_DOMAINS } from './domains/names.ts';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export const JsonValueSchema: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(JsonValueSchema), z.record(z.string(), JsonValueSchema)]),
);

export const KeySchema = z
  .string()
  .min(1)
  .max(LIMITS.keyLength)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, 'a key is made of letters, digits, ".", "_", ":" and "-", and starts with a letter or digit');

/** A dotted attribute path such as `geo.country`. */
export const AttributePathSchema = z
  .string()
  .min(1)
  .max(256)
  .regex(/^[^.\s]+(\.[^.\s]+)*$/, 'a dotted path such as "geo.country", without empty segments or spaces');

/** RFC 3339 with an explicit offset, or epoch milliseconds. */
export const InstantSchema = z.union([z.string(), z.number()]);

export const ClauseSchema = z.strictObject({
  attr: AttributePathSchema.optional(),
  op: z.enum(OPERATORS),
  value: z.unknown().optional(),
  caseInsensitive: z.boolean().optional(),
});
export type Clause = z.infer<typeof ClauseSchema>;

export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | { segment: string }
  | Clause;

export const ConditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ all: z.array(ConditionSchema) }),
    z.strictObject({ any: z.array(ConditionSchema) }),
    z.strictObject({ not: ConditionSchema }),
    z.strictObject({ segment: KeySchema }),
    ClauseSchema,
  ]),
);

/** A window of time; `from` inclusive, `until` exclusive, either side open when absent. */
export const ScheduleSchema = z.strictObject({
  from: InstantSchema.optional(),
  until: InstantSchema.optional(),
});
export type Schedule = z.infer<typeof ScheduleSchema>;

export const ExperimentSchema = z.strictObject({
  id: KeySchema,
  name: z.string().max(200).optional(),
});
export type Experiment = z.infer<typeof ExperimentSchema>;

export const SplitSchema = z.strictObject({
  variant: KeySchema,
  /** Percent of the audience, up to three decimals (100,000 buckets). */
  weight: z.number().min(0).max(100),
});
export type Split = z.infer<typeof SplitSchema>;

export const ROLLOUT_ALGORITHMS = [1] as const;

export const RolloutSchema = z.strictObject({
  /** Attribute whose value is the unit of randomisation. */
  by: AttributePathSchema.default('targetingKey'),
  /** Defaults to the flag key, so the rules of one flag bucket a unit alike. */
  salt: z.string().max(LIMITS.keyLength).optional(),
  split: z.array(SplitSchema).min(1).max(LIMITS.listValues),
  /** Bucketing algorithm; stored so it can change without reshuffling anyone. */
  algorithm: z.literal(ROLLOUT_ALGORITHMS).default(1),
  /** Without a unit the rule does not match, unless it says to serve the first split variant. */
  whenUnitMissing: z.enum(['no_match', 'first_variant']).default('no_match'),
  experiment: ExperimentSchema.optional(),
});
export type Rollout = z.infer<typeof RolloutSchema>;

export const ServeSchema = z.union([
  z.strictObject({ variant: KeySchema }),
  z.strictObject({ rollout: RolloutSchema }),
]);
export type Serve = z.infer<typeof ServeSchema>;

export const RuleSchema = z.strictObject({
  id: KeySchema,
  name: z.string().max(200).optional(),
  description: z.string().max(2000).optional(),
  /** Absent: the rule matches everyone. */
  when: ConditionSchema.optional(),
  serve: ServeSchema,
  /** The rule takes part only within this window. */
  schedule: ScheduleSchema.optional(),
});
export type Rule = z.infer<typeof RuleSchema>;

export const PrerequisiteSchema = z.strictObject({ flag: KeySchema, variant: KeySchema });
export type Prerequisite = z.infer<typeof PrerequisiteSchema>;

/**
 * A golden test stored on a flag: the variant a context must get. Evaluation ignores these; the
 * admin function runs them on every save (`now` fixes the time, else the time of the save).
 */
export const GoldenTestSchema = z.strictObject({
  name: z.string().max(200).optional(),
  context: z.record(z.string(), JsonValueSchema),
  now: InstantSchema.optional(),
  expect: z.strictObject({ variant: KeySchema }),
});
export type GoldenTest = z.infer<typeof GoldenTestSchema>;

export const FlagSchema = z.strictObject({
  key: KeySchema,
  name: z.string().max(200).optional(),
  description: z.string().max(2000).optional(),
  tags: z.array(z.string().min(1).max(64)).max(50).optional(),
  owner: z.string().max(200).optional(),
  enabled: z.boolean(),
  variants: z.record(KeySchema, JsonValueSchema),
  offVariant: KeySchema,
  defaultVariant: KeySchema,
  prerequisites: z.array(PrerequisiteSchema).max(LIMITS.rulesPerFlag).optional(),
  rules: z.array(RuleSchema).optional(),
  /** The flag is on only within this window; outside it serves `offVariant`. */
  schedule: ScheduleSchema.optional(),
  /** Attributes whose values traces and previews redact. */
  privateAttributes: z.array(AttributePathSchema).max(LIMITS.listValues).optional(),
  metadata: z.record(z.string(), JsonValueSchema).optional(),
  /** Client SDK keys (browsers) may evaluate the flag; default false: they get FLAG_NOT_FOUND and never see it in bulk. */
  clientVisible: z.boolean().optional(),
  /** Golden tests (admin function); never read by evaluation. */
  tests: z.array(GoldenTestSchema).max(100).optional(),
  version: z.number().int().min(0).optional(),
});
export type Flag = z.infer<typeof FlagSchema>;
/** A flag as written, before defaults are applied. */
export type FlagInput = z.input<typeof FlagSchema>;

export const SegmentSchema = z.strictObject({
  key: KeySchema,
  name: z.string().max(200).optional(),
  description: z.string().max(2000).optional(),
  when: ConditionSchema,
  version: z.number().int().min(0).optional(),
});
export type Segment = z.infer<typeof SegmentSchema>;

export const AttributeDefinitionSchema = z.strictObject({
  name: AttributePathSchema,
  type: z.enum(['string', 'number', 'boolean', 'date', 'semver', 'array', 'geo']),
  description: z.string().max(2000).optional(),
  allowedValues: z.array(z.union([z.string(), z.number(), z.boolean()])).max(LIMITS.listValues).optional(),
  /** What the attribute's values are (a country code, a browser name): equality operands outside it draw UNKNOWN_VALUE. */
  domain: z.enum(VALUE_DOMAINS).optional(),
});
export type AttributeDefinition = z.infer<typeof AttributeDefinitionSchema>;

/** An evaluation context: JSON attributes, `targetingKey` being the usual unit. */
export type Context = Readonly<Record<string, unknown>>;
