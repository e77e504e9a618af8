// The shapes the console reads from the APIs, checked with zod (its small "mini" build, to keep
// the bundle within budget) at the boundary: an answer that does not fit is an error shown to the
// user, never a crash deep in a view. Only the fields the console uses are checked.

import * as z from 'zod/mini';

export const ConsoleConfigShape = z.object({
  adminUrl: z.string(),
  validateUrl: z.string(),
  previewUrl: z.string(),
  identity: z.nullable(z.string()),
});
export type ConsoleConfigAnswer = z.infer<typeof ConsoleConfigShape>;

/** `suggestion`: the value a value warning (UNKNOWN_VALUE, VALUE_NOT_ALLOWED) thinks was meant. */
export const IssueShape = z.object({ path: z.string(), code: z.string(), message: z.string(), suggestion: z.optional(z.string()) });

export const ProblemShape = z.object({
  title: z.optional(z.string()),
  status: z.optional(z.number()),
  detail: z.optional(z.string()),
  code: z.optional(z.string()),
  errors: z.optional(z.array(IssueShape)),
  currentVersion: z.optional(z.number()),
});
export type ProblemAnswer = z.infer<typeof ProblemShape>;

const FlagDocument = z.looseObject({ key: z.string(), enabled: z.boolean(), variants: z.record(z.string(), z.unknown()) });

export const FlagItemShape = z.object({ key: z.string(), version: z.number(), document: FlagDocument, updatedAt: z.string(), updatedBy: z.string() });
export const FlagListShape = z.object({ environment: z.string(), items: z.array(FlagItemShape) });
export const WhoAmIShape = z.object({ keyId: z.string(), name: z.string(), role: z.enum(['viewer', 'editor', 'admin']) });
export const EnvironmentsShape = z.object({ environments: z.array(z.object({ key: z.string(), name: z.optional(z.string()), version: z.number() })) });

export const AttributesShape = z.object({
  attributes: z.array(z.object({ name: z.string(), type: z.string(), description: z.optional(z.string()), allowedValues: z.optional(z.array(z.union([z.string(), z.number(), z.boolean()]))), domain: z.optional(z.string()) })),
});
export const TemplatesShape = z.object({ templates: z.array(z.object({ id: z.string(), title: z.string(), description: z.string(), flag: FlagDocument })) });

export const ValidateShape = z.object({ valid: z.boolean(), errors: z.array(IssueShape), warnings: z.array(IssueShape), complexity: z.nullable(z.number()) });
export const AnalyzeShape = z.object({ complexity: z.number(), conflicts: z.array(IssueShape) });
/** GET /v1/environments/:env/flags/:key/usage: the last hour from the aggregator's rollups. */
export const UsageShape = z.object({ evaluations: z.number(), rules: z.record(z.string(), z.object({ matches: z.number(), matchRate: z.number() })) });
const Counts = z.record(z.string(), z.number());
/** The same answer over a chosen span, minute by minute: what the Usage tab charts. */
export const UsageSeriesShape = z.object({
  from: z.number(),
  to: z.number(),
  evaluations: z.number(),
  minutes: z.array(z.object({ minute: z.number(), evaluations: z.number(), variants: Counts, rules: Counts })),
});
export type UsageSeriesAnswer = z.infer<typeof UsageSeriesShape>;
/** GET /v1/environments/:env/usage?keys=: the library's sparklines (24 hourly counts) and each flag's last evaluation. */
export const UsageOverviewShape = z.object({
  flags: z.array(z.object({ key: z.string(), evaluations: z.number(), hours: z.array(z.number()), lastEvaluated: z.nullable(z.string()) })),
});
export type FlagUsageOverview = z.infer<typeof UsageOverviewShape>['flags'][number];

export const PerformanceShape = z.object({ complexity: z.number(), estimatedNsPerEvaluation: z.number(), measured: z.optional(z.object({ nsPerEvaluation: z.number(), p99Ns: z.optional(z.number()) })) });

const TraceClause = z.looseObject({ kind: z.string(), path: z.optional(z.string()), attr: z.optional(z.string()), seen: z.optional(z.unknown()), op: z.optional(z.string()), operand: z.optional(z.unknown()), result: z.optional(z.boolean()) });
const TraceEntry = z.looseObject({ kind: z.string(), ruleId: z.optional(z.string()), matched: z.optional(z.boolean()), clauses: z.optional(z.array(TraceClause)) });
export const PreviewResultShape = z.looseObject({ index: z.number(), reason: z.string(), value: z.optional(z.unknown()), variant: z.optional(z.string()), ruleId: z.optional(z.string()), bucket: z.optional(z.number()), errorCode: z.optional(z.string()), errorMessage: z.optional(z.string()), trace: z.optional(z.array(TraceEntry)) });
const Share = z.object({ count: z.number(), share: z.number() });
export const PreviewShape = z.object({
  now: z.string(),
  summary: z.object({
    users: z.number(),
    variants: z.array(z.extend(Share, { variant: z.string() })),
    reasons: z.array(z.extend(Share, { reason: z.string() })),
    rules: z.array(z.extend(Share, { ruleId: z.string() })),
  }),
  results: z.array(PreviewResultShape),
});
export type PreviewAnswer = z.infer<typeof PreviewShape>;
export type PreviewResult = z.infer<typeof PreviewResultShape>;

export const EstimateShape = z.object({ audience: z.number(), variants: z.array(z.object({ variant: z.string(), share: z.number(), expected: z.number(), low: z.number(), high: z.number() })) });
export type EstimateAnswer = z.infer<typeof EstimateShape>;

export const VersionsShape = z.object({
  versions: z.array(z.object({ version: z.number(), change: z.string(), actor: z.string(), at: z.string(), comment: z.optional(z.string()), document: z.optional(z.unknown()) })),
  /** State changes of the flag's release plans and scheduled changes (a flag's first page only). */
  events: z.optional(z.array(z.object({ at: z.string(), actor: z.string(), kind: z.enum(['release', 'schedule']), id: z.string(), action: z.string(), text: z.string(), flagVersion: z.optional(z.number()) }))),
});
export type VersionEntry = z.infer<typeof VersionsShape>['versions'][number];
export type PlannedChangeEvent = NonNullable<z.infer<typeof VersionsShape>['events']>[number];
export const DiffShape = z.object({ from: z.number(), to: z.number(), changes: z.array(z.object({ op: z.string(), path: z.string(), before: z.optional(z.unknown()), after: z.optional(z.unknown()) })) });
export type DiffAnswer = z.infer<typeof DiffShape>;
export const SaveShape = z.looseObject({ version: z.number() });
export const BulkShape = z.object({ action: z.string(), succeeded: z.number(), failed: z.number(), items: z.array(z.object({ key: z.string(), status: z.number(), version: z.optional(z.number()), problem: z.optional(ProblemShape) })) });
export type BulkAnswer = z.infer<typeof BulkShape>;
const Versioned = z.object({ kind: z.string(), key: z.string(), version: z.number() });
/** The import's answer: documents equal to the stored ones are `unchanged`, left without a new version. */
export const ImportShape = z.object({ environmentVersion: z.number(), written: z.array(Versioned), unchanged: z.optional(z.array(Versioned)) });
const DiffEntry = z.object({ path: z.string(), before: z.optional(z.unknown()), after: z.optional(z.unknown()) });
/** POST …/import?dryRun=true: what the import would do, per document, written nowhere. */
export const ImportPreviewShape = z.object({
  environmentVersion: z.number(),
  summary: z.object({ added: z.number(), changed: z.number(), unchanged: z.number() }),
  changes: z.array(z.object({ kind: z.string(), key: z.string(), change: z.string(), version: z.optional(z.number()), diff: z.optional(z.array(DiffEntry)) })),
  goldenFailures: z.optional(z.array(z.object({ path: z.string(), name: z.optional(z.string()), expected: z.string(), got: z.nullable(z.string()), reason: z.string() }))),
});
export type ImportPreviewAnswer = z.infer<typeof ImportPreviewShape>;
export const ExportShape = z.looseObject({ version: z.number(), flags: z.array(z.unknown()) });
/** GET /v1/environments/:env/segments: what the Why? tree expands a segment reference into. */
export const SegmentListShape = z.object({ items: z.array(z.object({ key: z.string(), document: z.looseObject({ when: z.unknown() }) })) });
