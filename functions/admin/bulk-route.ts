// POST /v1/environments/{env}/flags:bulk: enable, disable, delete or copy (to another
// environment) many flags, each its own versioned write against the version read just before it,
// with a status per item. The answer is 200 whatever the items' statuses (a 207-style body).

import * as z from 'zod';
import { problem, type Problem } from '../../shared/http/problem.ts';
import type { ReplyRoute } from '../../shared/http/router.ts';
import { reply } from '../../shared/http/reply.ts';
import { KeySchema } from '../../shared/rules/schema.ts';
import type { Flag } from '../../shared/rules/index.ts';
import type { WriteMeta } from '../../shared/store/results.ts';
import { adminRoute, metaOf, readBody } from './admin-route.ts';
import type { AdminDeps } from './deps.ts';
import { scopeOf } from '../../shared/authoring/document-checks.ts';
import { commentOf } from './http-bits.ts';
import { goldenProblem } from './save-answer.ts';
import { saveDocument, type SaveOutcome } from './save.ts';

export const BULK_ACTIONS = ['enable', 'disable', 'delete', 'copy'] as const;
export const MAX_BULK_KEYS = 200;

const BulkBody = z
  .strictObject({
    action: z.enum(BULK_ACTIONS),
    keys: z.array(KeySchema).min(1).max(MAX_BULK_KEYS),
    targetEnvironment: z.string().min(1).optional(),
    comment: z.string().max(2000).optional(),
  })
  .refine((b) => (b.action === 'copy') === (b.targetEnvironment !== undefined), { message: 'targetEnvironment is required for copy, and only for copy', path: ['targetEnvironment'] });

export type BulkItem = { readonly key: string; readonly status: number; readonly version?: number; readonly problem?: Problem };

const failed = (key: string, p: Problem): BulkItem => ({ key, status: p.status, problem: p });

function itemOf(key: string, outcome: SaveOutcome<Flag>): BulkItem {
  if (outcome.ok) return { key, status: outcome.saved.version === 1 ? 201 : 200, version: outcome.saved.version };
  switch (outcome.reason) {
    case 'invalid': return failed(key, problem('INVALID_FLAG', `the flag would have ${outcome.errors.length} error(s)`, outcome.errors));
    case 'golden': return failed(key, goldenProblem(outcome.failures, (i) => `/tests/${i}`, 'a PUT with ?force=true and a comment'));
    case 'environment_not_found': return failed(key, problem('NOT_FOUND', 'no such environment'));
    case 'conflict': return { ...failed(key, problem('PRECONDITION_FAILED', `changed meanwhile; now at version ${outcome.currentVersion}`)), version: outcome.currentVersion };
    case 'not_found': return failed(key, problem('NOT_FOUND', `no flag "${key}"`));
  }
}

async function applyOne(deps: AdminDeps, env: string, key: string, body: z.infer<typeof BulkBody>, meta: WriteMeta): Promise<BulkItem> {
  const flags = deps.stores.documents.flags;
  const current = await flags.get(env, key);
  if (!current.ok) return failed(key, problem('NOT_FOUND', `no flag "${key}"${current.reason === 'corrupt' ? ' (stored corrupt)' : ''}`));
  const { version: _, ...document } = current.document;
  if (body.action === 'delete') {
    const removed = await flags.remove(env, key, { ...meta, ifMatch: current.version });
    if (removed.ok) return { key, status: 200, version: removed.version };
    return removed.reason === 'conflict' ? itemOf(key, removed) : failed(key, problem('NOT_FOUND', `no flag "${key}"`));
  }
  if (body.action === 'copy') {
    const target = body.targetEnvironment!;
    const existing = await flags.get(target, key);
    const ifMatch = existing.ok ? existing.version : existing.reason === 'corrupt' ? existing.version : 0;
    return itemOf(key, await saveDocument(deps, target, 'flags', document, { ...meta, ifMatch }, { force: false }));
  }
  const enabled = body.action === 'enable';
  if (current.document.enabled === enabled) return { key, status: 200, version: current.version };
  return itemOf(key, await saveDocument(deps, env, 'flags', { ...document, enabled }, { ...meta, ifMatch: current.version }, { force: false }));
}

export function bulkRoute(deps: AdminDeps): ReplyRoute {
  return adminRoute(deps, 'POST', '/v1/environments/:env/flags:bulk', 'write', async (req, context) => {
    const env = context.params.env!;
    const read = await readBody(req, BulkBody);
    if (!read.ok) return reply.problem(read.problem);
    const body = read.value;
    const target = body.targetEnvironment ?? env;
    if (!(await scopeOf(deps.stores, env)) || !(await scopeOf(deps.stores, target))) {
      return reply.problem(problem('NOT_FOUND', `no environment "${(await deps.stores.flags.version(env)) === undefined ? env : target}"`));
    }
    const meta = metaOf(context, commentOf(req, body) ?? `bulk ${body.action}`);
    const items: BulkItem[] = [];
    // One after another: a copy of flag B may depend on flag A copied just before (prerequisites).
    for (const key of [...new Set(body.keys)]) items.push(await applyOne(deps, env, key, body, meta));
    const ok = items.filter((i) => i.status < 300).length;
    return reply.json(200, { action: body.action, environment: env, ...(body.action === 'copy' ? { targetEnvironment: target } : {}), succeeded: ok, failed: items.length - ok, items });
  });
}
