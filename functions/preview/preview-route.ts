// POST /v1/rules/preview: a draft or stored flag against up to 10,000 test users, each with its
// result and trace, plus the distribution over variants, reasons and rules.

import * as z from 'zod';
import { admitAuthor } from '../../shared/authoring/admit.ts';
import type { AuthoringDeps } from '../../shared/authoring/deps.ts';
import { jsonRoute } from '../../shared/http/json-route.ts';
import { tooManyItems } from '../../shared/http/problem.ts';
import { deadlineProblem } from '../../shared/http/work-deadline.ts';
import { requestDeadline } from '../../shared/authoring/deps.ts';
import type { ReplyRoute } from '../../shared/http/router.ts';
import { reply } from '../../shared/http/reply.ts';
import { FLAG_SOURCE_FIELDS, ONE_FLAG_SOURCE, resolveFlag } from './flag-source.ts';
import { PREVIEW_LIMITS } from './limits.ts';
import { previewUsers } from './preview-run.ts';
import { instantOf, NowSchema } from './request-time.ts';

const PreviewRequestSchema = z
  .strictObject({
    ...FLAG_SOURCE_FIELDS,
    // Counted after parsing, so that past the limit answers 413 rather than a schema error.
    users: z.array(z.unknown()).min(1),
    now: NowSchema.optional(),
    trace: z.boolean().default(true),
  })
  .refine(ONE_FLAG_SOURCE.check, { message: ONE_FLAG_SOURCE.message });

export function previewRoute(deps: AuthoringDeps): ReplyRoute {
  return jsonRoute({
    path: '/v1/rules/preview',
    admit: (req) => admitAuthor(req, deps),
    schema: PreviewRequestSchema,
    limitBytes: PREVIEW_LIMITS.bodyBytes,
    handle: async (_req, admitted, body) => {
      const { users, trace } = body;
      if (users.length > PREVIEW_LIMITS.users) {
        return reply.problem(tooManyItems('/users', users.length, PREVIEW_LIMITS.users, 'users'));
      }
      const resolved = resolveFlag(body, admitted.snapshot);
      if (!resolved.ok) return reply.problem(resolved.problem);
      const now = instantOf(body.now, deps.now);
      const deadline = requestDeadline(deps);
      const run = previewUsers(resolved.compiled, users, { now, trace }, deadline);
      if (!run.ok) return reply.problem(deadlineProblem('/users', run.done, users.length, 'users', deadline.ms));
      const { results, summary } = run;
      return reply.json(200, { flagKey: resolved.compiled.key, environment: admitted.snapshot.environment, now: new Date(now).toISOString(), summary, results });
    },
  });
}
