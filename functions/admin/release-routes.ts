// Release plans of a flag (issue 17): create (201), list, read with its decisions, and steer
// (pause, resume, abort, each with If-Match on the plan's version). Editors write, every role
// reads. The minute run (functions/aggregate) takes the steps; these routes only plan and steer.

import { randomBytes } from 'node:crypto';
import { problem } from '../../shared/http/problem.ts';
import type { ReplyRoute } from '../../shared/http/router.ts';
import { reply, type Reply } from '../../shared/http/reply.ts';
import { newPlan, steerPlan, STEERS, type Refusal } from '../../shared/releases/plan-lifecycle.ts';
import type { PlanRecord } from '../../shared/releases/plan-record.ts';
import { PlanInputSchema } from '../../shared/releases/plan-schema.ts';
import type { ReleaseStore } from '../../shared/releases/release-store.ts';
import { audienceOf, splitWeights } from '../../shared/releases/weights.ts';
import { adminRoute, readBody } from './admin-route.ts';
import type { AdminDeps } from './deps.ts';
import { etag, readIfMatch, replyNotFound, replyStale } from './http-bits.ts';
import { scheduleRoutes } from './schedule-routes.ts';

export type ReleaseDeps = AdminDeps & { readonly releases: ReleaseStore };

const base = '/v1/environments/:env/flags/:key/releases';

function refused(refusal: Refusal): Reply {
  const code = refusal.status === 409 ? 'CONFLICT' : refusal.status === 404 ? 'NOT_FOUND' : 'INVALID_DOCUMENT';
  return reply.problem(problem(code, refusal.message, refusal.path === '' ? [] : [{ path: refusal.path, code: 'INVALID_VALUE', message: refusal.message }]));
}

const planReply = (status: number, plan: PlanRecord, headers: Record<string, string> = {}) => reply.json(status, plan, { ETag: etag(plan.version), ...headers });

/** Releases and schedules, when the deployment keeps them (AdminDeps.releases). */
export function plannedChangeRoutes(deps: AdminDeps): ReplyRoute[] {
  const { releases } = deps;
  return releases ? [...releaseRoutes({ ...deps, releases }), ...scheduleRoutes({ ...deps, releases })] : [];
}

export function releaseRoutes(deps: ReleaseDeps): ReplyRoute[] {
  const flagOf = async (env: string, key: string) => {
    const got = await deps.stores.documents.flags.get(env, key);
    return got.ok ? got : undefined;
  };
  const planOf = async (env: string, key: string, id: string) => {
    const plan = await deps.releases.plan(env, id);
    return plan?.flag === key ? plan : undefined;
  };
  return [
    adminRoute(deps, 'POST', base, 'write', async (req, context) => {
      const { env, key } = context.params as { env: string; key: string };
      const read = await readBody(req, PlanInputSchema, 64 * 1024);
      if (!read.ok) return reply.problem(read.problem);
      const body = read.value;
      const flag = await flagOf(env, key);
      if (!flag) return replyNotFound(`flag "${key}" in environment "${env}"`);
      // One plan per flag at a time: two would each see the other's steps as a human edit.
      const open = (await deps.releases.plans(env, key)).find((p) => p.status === 'running' || p.status === 'paused');
      if (open) return reply.problem(problem('CONFLICT', `release ${open.id} is ${open.status} on this flag; abort it or let it finish first`));
      const made = newPlan(body, { id: `r${randomBytes(6).toString('hex')}`, environment: env, flag: flag.document, flagVersion: flag.version, actor: context.caller.actor, now: deps.now() });
      if (!made.ok) return refused(made);
      const created = await deps.releases.createPlan(made.plan);
      if (!created.ok) return reply.problem(problem(created.reason === 'not_found' ? 'NOT_FOUND' : 'CONFLICT', created.reason === 'not_found' ? `no environment "${env}"` : 'a plan with this id exists; retry'));
      return planReply(201, created.record, { Location: `/v1/environments/${encodeURIComponent(env)}/flags/${encodeURIComponent(key)}/releases/${created.record.id}` });
    }),
    adminRoute(deps, 'GET', base, 'read', async (_req, { params }) => {
      return reply.json(200, { environment: params.env, flag: params.key, items: await deps.releases.plans(params.env!, params.key!) });
    }),
    adminRoute(deps, 'GET', `${base}/:id`, 'read', async (_req, { params }) => {
      const plan = await planOf(params.env!, params.key!, params.id!);
      if (!plan) return replyNotFound(`release "${params.id}" of flag "${params.key}"`);
      return planReply(200, plan);
    }),
    ...STEERS.map((steer) =>
      adminRoute(deps, 'POST', `${base}/:id/${steer}`, 'write', async (req, context) => {
        const { env, key, id } = context.params as { env: string; key: string; id: string };
        const ifMatch = readIfMatch(req);
        if (!ifMatch.ok) return reply.problem(ifMatch.problem);
        const plan = await planOf(env, key, id);
        if (!plan) return replyNotFound(`release "${id}" of flag "${key}"`);
        if (plan.version !== ifMatch.version) return replyStale(plan.version, `release "${id}"`);
        const flag = await flagOf(env, key);
        const weights = flag ? splitWeights(flag.document, plan.ruleId) : undefined;
        const steered = steerPlan(plan, steer, { actor: context.caller.actor, now: deps.now(), flag: flag && { version: flag.version, weights: weights?.ok ? weights.weights : undefined, audience: audienceOf(flag.document, plan.ruleId) } });
        if (!steered.ok) return refused(steered);
        const saved = await deps.releases.savePlan(steered.plan);
        if (!saved.ok) return saved.reason === 'conflict' ? replyStale(saved.currentVersion, `release "${id}"`) : replyNotFound(`release "${id}"`);
        return planReply(200, saved.record);
      }),
    ),
  ];
}
