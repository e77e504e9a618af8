// POST /v1/rules/validate: one flag, segment or bare condition checked against the environment's
// segments, flags and attribute catalogue (or a catalogue the request brings).

import * as z from 'zod';
import { admitAuthor } from '../../shared/authoring/admit.ts';
import { catalogueOf, definitionsOf } from '../../shared/authoring/catalogue.ts';
import { requestDeadline, type AuthoringDeps } from '../../shared/authoring/deps.ts';
import { referencesOf } from '../../shared/authoring/references.ts';
import { jsonRoute } from '../../shared/http/json-route.ts';
import type { ReplyRoute } from '../../shared/http/router.ts';
import { reply } from '../../shared/http/reply.ts';
import { deadlineProblem } from '../../shared/http/work-deadline.ts';
import { AttributeDefinitionSchema, LIMITS } from '../../shared/rules/index.ts';
import { checkDocument, DOCUMENT_KINDS, type DocumentKind } from './check-document.ts';

/** Twice the largest document (256 KiB), leaving room for a catalogue beside it. */
export const VALIDATE_BODY_BYTES = 512 * 1024;

const ValidateRequestSchema = z
  .strictObject({
    flag: z.unknown().optional(),
    segment: z.unknown().optional(),
    condition: z.unknown().optional(),
    /** Replaces the environment's stored attributes; the derived ones still apply. */
    catalogue: z.array(AttributeDefinitionSchema).max(LIMITS.listValues).optional(),
  })
  .refine((body) => DOCUMENT_KINDS.filter((kind) => body[kind] !== undefined).length === 1, {
    message: 'send exactly one of "flag", "segment" or "condition"',
  });

export function validateRoute(deps: AuthoringDeps): ReplyRoute {
  return jsonRoute({
    path: '/v1/rules/validate',
    admit: (req) => admitAuthor(req, deps),
    schema: ValidateRequestSchema,
    limitBytes: VALIDATE_BODY_BYTES,
    handle: async (_req, admitted, body) => {
      const { snapshot } = admitted;
      const kind = DOCUMENT_KINDS.find((k) => body[k] !== undefined) as DocumentKind;
      const stored = body.catalogue ?? (await deps.flags.attributes(snapshot.environment));
      const catalogue = definitionsOf(catalogueOf(stored));
      const deadline = requestDeadline(deps);
      const report = checkDocument(kind, body[kind], referencesOf(snapshot), catalogue, deadline.expired);
      if (report.stopped) return reply.problem(deadlineProblem(`/${kind}/rules`, report.stopped.rulesDone, ruleCount(body[kind]), 'rules', deadline.ms));
      return reply.json(200, { kind, environment: snapshot.environment, ...report });
    },
  });
}

/** Only a valid flag is analysed, so its rules are an array. */
function ruleCount(doc: unknown): number {
  return (doc as { rules?: unknown[] }).rules?.length ?? 0;
}
