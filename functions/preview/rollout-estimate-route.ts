// POST /v1/rules/rollout-estimate: expected users per variant for an audience size, with a 95%
// interval (the method is in rollout-estimate.ts and the README).

import * as z from 'zod';
import { admitAuthor } from '../../shared/authoring/admit.ts';
import type { AuthoringDeps } from '../../shared/authoring/deps.ts';
import { jsonRoute } from '../../shared/http/json-route.ts';
import { problem, tooManyItems } from '../../shared/http/problem.ts';
import { deadlineProblem, type WorkDeadline } from '../../shared/http/work-deadline.ts';
import { requestDeadline } from '../../shared/authoring/deps.ts';
import type { ReplyRoute } from '../../shared/http/router.ts';
import { reply } from '../../shared/http/reply.ts';
import type { CompiledFlag } from '../../shared/rules/index.ts';
import { FLAG_SOURCE_FIELDS, ONE_FLAG_SOURCE, resolveFlag } from './flag-source.ts';
import { PREVIEW_LIMITS } from './limits.ts';
import { instantOf, NowSchema } from './request-time.ts';
import { estimateFrom, sampleProbabilities, servedBy } from './rollout-estimate.ts';

const EstimateRequestSchema = z
  .strictObject({
    ...FLAG_SOURCE_FIELDS,
    audience: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
    ruleId: z.string().min(1).optional(),
    sampleUsers: z.array(z.unknown()).min(1).optional(),
    now: NowSchema.optional(),
  })
  .refine(ONE_FLAG_SOURCE.check, { message: ONE_FLAG_SOURCE.message });

type Body = z.infer<typeof EstimateRequestSchema>;

function withoutSample(flag: CompiledFlag, body: Body) {
  const rules = flag.doc.rules ?? [];
  const ruleId = body.ruleId ?? rules.find((r) => 'rollout' in r.serve)?.id;
  const served = ruleId === undefined ? undefined : servedBy(flag, ruleId);
  if (ruleId === undefined || !served) {
    const message = ruleId === undefined ? 'the flag has no rollout rule: name a rule, or send sampleUsers to estimate the whole flag' : `the flag has no rule "${ruleId}"`;
    return { ok: false as const, problem: problem('INVALID_BODY', message, [{ path: '/ruleId', code: 'INVALID_VALUE', message }]) };
  }
  const variants = [...served.keys()];
  return { ok: true as const, body: { method: 'split', ruleId, variants: estimateFrom([served], variants, body.audience) } };
}

function withSample(flag: CompiledFlag, body: Body, users: readonly unknown[], now: number, deadline: WorkDeadline) {
  if (body.ruleId !== undefined && !servedBy(flag, body.ruleId)) {
    const message = `the flag has no rule "${body.ruleId}"`;
    return { ok: false as const, problem: problem('INVALID_BODY', message, [{ path: '/ruleId', code: 'INVALID_VALUE', message }]) };
  }
  const sampled = sampleProbabilities(flag, users, now, body.ruleId, deadline);
  if (!sampled.ok) return { ok: false as const, problem: deadlineProblem('/sampleUsers', sampled.done, users.length, 'sample users', deadline.ms) };
  const { probabilities, reach } = sampled;
  const variants = Object.keys(flag.doc.variants);
  return { ok: true as const, body: { method: 'sample', ...(body.ruleId ? { ruleId: body.ruleId } : {}), sampleSize: users.length, reach, variants: estimateFrom(probabilities, variants, body.audience) } };
}

export function rolloutEstimateRoute(deps: AuthoringDeps): ReplyRoute {
  return jsonRoute({
    path: '/v1/rules/rollout-estimate',
    admit: (req) => admitAuthor(req, deps),
    schema: EstimateRequestSchema,
    limitBytes: PREVIEW_LIMITS.bodyBytes,
    handle: async (_req, admitted, body) => {
      const sample = body.sampleUsers;
      if (sample && sample.length > PREVIEW_LIMITS.users) {
        return reply.problem(tooManyItems('/sampleUsers', sample.length, PREVIEW_LIMITS.users, 'sample users'));
      }
      const resolved = resolveFlag(body, admitted.snapshot);
      if (!resolved.ok) return reply.problem(resolved.problem);
      const flag = resolved.compiled;
      const deadline = requestDeadline(deps);
      const estimate = sample ? withSample(flag, body, sample, instantOf(body.now, deps.now), deadline) : withoutSample(flag, body);
      if (!estimate.ok) return reply.problem(estimate.problem);
      return reply.json(200, { flagKey: flag.key, audience: body.audience, confidence: 0.95, ...estimate.body });
    },
  });
}
