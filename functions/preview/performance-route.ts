// POST /v1/rules/performance: a flag's complexity, its estimated cost per evaluation, and the
// measured one over the request's users or synthetic ones (at most 40 ms of measuring).

import * as z from 'zod';
import { admitAuthor } from '../../shared/authoring/admit.ts';
import type { AuthoringDeps } from '../../shared/authoring/deps.ts';
import { jsonRoute } from '../../shared/http/json-route.ts';
import { problem, tooManyItems } from '../../shared/http/problem.ts';
import type { ReplyRoute } from '../../shared/http/router.ts';
import { reply } from '../../shared/http/reply.ts';
import { checkContext, complexityOf, type Context } from '../../shared/rules/index.ts';
import { enrichContext } from '../../shared/context/index.ts';
import { FLAG_SOURCE_FIELDS, ONE_FLAG_SOURCE, resolveFlag } from './flag-source.ts';
import { PREVIEW_LIMITS } from './limits.ts';
import { estimateNs, measure, NS_PER_COMPLEXITY_POINT } from './performance.ts';
import { instantOf, NowSchema } from './request-time.ts';
import { syntheticUsers } from './synthetic-users.ts';

export const MEASURE_BUDGET_MS = 40;
const SYNTHETIC_USERS = 256;

const PerformanceRequestSchema = z
  .strictObject({ ...FLAG_SOURCE_FIELDS, users: z.array(z.unknown()).min(1).optional(), now: NowSchema.optional() })
  .refine(ONE_FLAG_SOURCE.check, { message: ONE_FLAG_SOURCE.message });

export function performanceRoute(deps: AuthoringDeps): ReplyRoute {
  return jsonRoute({
    path: '/v1/rules/performance',
    admit: (req) => admitAuthor(req, deps),
    schema: PerformanceRequestSchema,
    limitBytes: PREVIEW_LIMITS.bodyBytes,
    handle: async (_req, admitted, body) => {
      // The budget bounds the request's work from here: compiling, the users and the measurement.
      const started = process.hrtime.bigint();
      const given = body.users;
      if (given && given.length > PREVIEW_LIMITS.benchmarkUsers) {
        return reply.problem(tooManyItems('/users', given.length, PREVIEW_LIMITS.benchmarkUsers, 'users'));
      }
      const invalid = (given ?? []).flatMap((u, i) => checkContext(u).map((issue) => ({ ...issue, path: `/users/${i}${issue.path}` })));
      if (invalid.length > 0) return reply.problem(problem('INVALID_CONTEXT', `${invalid.length} problems in the users`, invalid));
      const resolved = resolveFlag(body, admitted.snapshot);
      if (!resolved.ok) return reply.problem(resolved.problem);
      const { compiled, references } = resolved;
      const now = instantOf(body.now, deps.now);
      const raw = (given as Context[] | undefined) ?? syntheticUsers(compiled.doc, references.segments, SYNTHETIC_USERS);
      const users = raw.map((u) => enrichContext(u, { headers: {} }, { now }) as Record<string, unknown>);
      // The score alone: the full analysis (conflicts) is the analyze route's, and no part of this budget.
      const complexity = complexityOf(compiled.doc, references.segments);
      return reply.json(200, {
        flagKey: compiled.key,
        complexity,
        estimatedNsPerEvaluation: estimateNs(complexity),
        nsPerComplexityPoint: NS_PER_COMPLEXITY_POINT,
        measured: { users: users.length, synthetic: given === undefined, budgetMs: MEASURE_BUDGET_MS, ...measure(compiled, users, now, MEASURE_BUDGET_MS, started) },
      });
    },
  });
}
