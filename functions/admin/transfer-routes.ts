// Export and import of a whole environment as JSON. Export: flags, segments and attributes with
// their versions (ETag: the environment's version). Import: validated whole first (every error
// listed at `/flags/3/...`, golden tests run), then written in one store transaction or not at
// all, with `If-Match: <environment version>`; documents equal to the stored ones are left alone.
// `?dryRun=true` answers what the import would change instead (import-preview.ts).

import * as z from 'zod';
import { problem, type FieldError } from '../../shared/http/problem.ts';
import type { ReplyRoute } from '../../shared/http/router.ts';
import { reply } from '../../shared/http/reply.ts';
import { AttributeDefinitionSchema, FlagSchema, SegmentSchema, parseWithSchema, type AttributeDefinition, type Flag, type Segment } from '../../shared/rules/index.ts';
import type { ImportInput } from '../../shared/store/admin-ports.ts';
import { adminRoute, metaOf, readBody } from './admin-route.ts';
import type { AdminDeps } from './deps.ts';
import { checkDocument, scopeOf, withDrafts, type Scope } from '../../shared/authoring/document-checks.ts';
import type { GoldenFailure } from '../../shared/authoring/golden-tests.ts';
import { commentOf, etag, forceOf, prefixed, readIfMatch, replyNotFound, replyRefusal } from './http-bits.ts';
import { DOCUMENT_KINDS } from './kinds.ts';
import { dryRunOf, previewBody } from './import-preview.ts';
import { goldenProblem } from './save-answer.ts';

export const IMPORT_BODY_BYTES = 16 * 1024 * 1024;
export const MAX_IMPORT_DOCUMENTS = 5000;

const documents = z.array(z.unknown()).max(MAX_IMPORT_DOCUMENTS).optional();
/** What export answers is importable as it is: its other fields are ignored. */
const ImportBody = z.object({ flags: documents, segments: documents, attributes: documents, comment: z.string().max(2000).optional() });

const valid = <T>(schema: z.ZodType<T>, docs: readonly unknown[] = []) => docs.flatMap((d) => { const p = parseWithSchema(schema, d); return p.ok ? [p.value] : []; });

type Checked = { errors: FieldError[]; failures: (GoldenFailure & { path: string })[] };

/** Every document checked against the environment with all the imported ones laid over it. */
export function checkImport(input: ImportInput, stored: Scope, now: number): Checked {
  const scope = withDrafts(stored, {
    attributes: valid<AttributeDefinition>(AttributeDefinitionSchema, input.attributes),
    segments: valid<Segment>(SegmentSchema, input.segments),
    flags: valid<Flag>(FlagSchema, input.flags),
  });
  const out: Checked = { errors: [], failures: [] };
  for (const kind of DOCUMENT_KINDS) {
    (input[kind] ?? []).forEach((doc, i) => {
      const checked = checkDocument(kind, doc, scope, now);
      out.errors.push(...prefixed(`/${kind}/${i}`, checked.errors));
      out.failures.push(...checked.failures.map((f) => ({ ...f, path: `/${kind}/${i}/tests/${f.index}` })));
    });
  }
  return out;
}

/**
 * The three kinds are listed separately; the environment's version read before and after tells
 * whether a write came between, and then the read is repeated, so an export is of one version.
 */
async function readConsistently(deps: AdminDeps, env: string) {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const version = await deps.stores.flags.version(env);
    if (version === undefined) return undefined;
    const [flags, segments, attributes] = await Promise.all(DOCUMENT_KINDS.map((kind) => deps.stores.documents[kind].list(env)));
    if (!flags?.ok || !segments?.ok || !attributes?.ok) return undefined;
    if ((await deps.stores.flags.version(env)) === version) return { version, lists: { flags, segments, attributes } as const };
  }
  throw new Error(`export of "${env}": the environment kept changing during 5 reads`);
}

export function transferRoutes(deps: AdminDeps): ReplyRoute[] {
  return [
    adminRoute(deps, 'GET', '/v1/environments/:env/export', 'read', async (_req, { params }) => {
      const env = params.env!;
      const read = await readConsistently(deps, env);
      if (!read) return replyNotFound(`environment "${env}"`);
      const { version, lists } = read;
      const body = {
        format: 'switchyard.environment/v1',
        environment: env,
        version,
        exportedAt: new Date(deps.now()).toISOString(),
        flags: lists.flags.items.map((i) => i.document),
        segments: lists.segments.items.map((i) => i.document),
        attributes: lists.attributes.items.map((i) => i.document),
        versions: Object.fromEntries(DOCUMENT_KINDS.map((kind) => [kind, Object.fromEntries(lists[kind].items.map((i) => [i.key, i.version]))])),
        corrupt: DOCUMENT_KINDS.flatMap((kind) => lists[kind].corrupt),
      };
      return reply.json(200, body, { ETag: etag(version) });
    }),
    adminRoute(deps, 'POST', '/v1/environments/:env/import', 'write', async (req, context) => {
      const env = context.params.env!;
      const dryRun = dryRunOf(req);
      if (!dryRun.ok) return reply.problem(dryRun.problem);
      const ifMatch = readIfMatch(req);
      // A preview may go without If-Match: it answers the version it read, for the import to send.
      const previewAnyVersion = dryRun.value && req.headers['if-match'] === undefined;
      if (!ifMatch.ok && !previewAnyVersion) return reply.problem(ifMatch.problem);
      const read = await readBody(req, ImportBody, IMPORT_BODY_BYTES);
      if (!read.ok) return reply.problem(read.problem);
      const body = read.value;
      const input: ImportInput = { flags: body.flags ?? [], segments: body.segments ?? [], attributes: body.attributes ?? [] };
      const stored = await scopeOf(deps.stores, env);
      if (!stored) return replyNotFound(`environment "${env}"`);
      const comment = commentOf(req, body);
      const checked = checkImport(input, stored, deps.now());
      if (checked.errors.length > 0) {
        return reply.problem(problem('INVALID_DOCUMENT', `the import has ${checked.errors.length} error(s); nothing was written`, checked.errors));
      }
      if (dryRun.value) {
        const preview = await deps.stores.imports.previewImport(env, input, ifMatch.ok ? ifMatch.version : undefined);
        if (!preview.ok) return replyRefusal(preview, `environment "${env}"`);
        return reply.json(200, previewBody(env, preview, checked.failures), { ETag: etag(preview.environmentVersion) });
      }
      const forced = forceOf(req) && comment !== undefined;
      if (checked.failures.length > 0 && !forced) {
        const paths = new Map(checked.failures.map((f, i) => [i, f.path]));
        return reply.problem(goldenProblem(checked.failures.map((f, i) => ({ ...f, index: i })), (i) => paths.get(i) ?? '', '?force=true and a comment'));
      }
      if (!ifMatch.ok) return reply.problem(ifMatch.problem);
      const imported = await deps.stores.imports.importDocuments(env, input, { ...metaOf(context, comment ?? 'import'), ifMatch: ifMatch.version });
      if (!imported.ok) return replyRefusal(imported, `environment "${env}"`);
      return reply.json(200, { environment: env, ...imported, ok: undefined, ...(checked.failures.length > 0 ? { forcedGoldenFailures: checked.failures } : {}) }, { ETag: etag(imported.environmentVersion) });
    }),
  ];
}
