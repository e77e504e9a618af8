// POST /v1/rules/analyze: the core's analysis of a draft or stored flag: its complexity and its
// conflicts (shadowed, unreachable, contradictory, overlapping rules; unused variants), each
// explained.

import * as z from 'zod';
import { admitAuthor } from '../../shared/authoring/admit.ts';
import { requestDeadline, type AuthoringDeps } from '../../shared/authoring/deps.ts';
import { jsonRoute } from '../../shared/http/json-route.ts';
import type { ReplyRoute } from '../../shared/http/router.ts';
import { reply } from '../../shared/http/reply.ts';
import { deadlineProblem } from '../../shared/http/work-deadline.ts';
import { analyze } from '../../shared/rules/index.ts';
import { FLAG_SOURCE_FIELDS, ONE_FLAG_SOURCE, resolveFlag } from './flag-source.ts';

/** A flag document (256 KiB) and drafts of what it references. */
export const ANALYZE_BODY_BYTES = 2 * 1024 * 1024;

const AnalyzeRequestSchema = z.strictObject(FLAG_SOURCE_FIELDS).refine(ONE_FLAG_SOURCE.check, { message: ONE_FLAG_SOURCE.message });

export function analyzeRoute(deps: AuthoringDeps): ReplyRoute {
  return jsonRoute({
    path: '/v1/rules/analyze',
    admit: (req) => admitAuthor(req, deps),
    schema: AnalyzeRequestSchema,
    limitBytes: ANALYZE_BODY_BYTES,
    handle: async (_req, admitted, body) => {
      const resolved = resolveFlag(body, admitted.snapshot);
      if (!resolved.ok) return reply.problem(resolved.problem);
      const doc = resolved.compiled.doc;
      const deadline = requestDeadline(deps);
      const { complexity, conflicts, stopped } = analyze(doc, { segments: resolved.references.segments, stop: deadline.expired });
      const rulesAt = body.flag !== undefined ? '/flag/rules' : '/flagKey';
      if (stopped) return reply.problem(deadlineProblem(rulesAt, stopped.rulesDone, doc.rules?.length ?? 0, 'rules', deadline.ms));
      // Each conflict is { path, code, message }: the message is the plain-words explanation.
      return reply.json(200, { flagKey: resolved.compiled.key, complexity, conflicts });
    },
  });
}
