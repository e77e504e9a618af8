// A small router: method and path pattern (`/ofrep/v1/evaluate/flags/:key`) to a handler, with
// 404 and 405 answered as problems.

import { problem, type Problem } from './problem.ts';
import type { HttpRequest, HttpResponse } from './types.ts';
import type { RequestTelemetry } from '../telemetry/request-telemetry.ts';

/** `telemetry` is the request's scope: its logger, and what the request line should say (the caller's key). */
export type RouteContext = { readonly params: Readonly<Record<string, string>>; readonly requestId: string; readonly telemetry: RequestTelemetry };
export type RouteHandler = (request: HttpRequest, response: HttpResponse, context: RouteContext) => Promise<void> | void;
export type Route = { readonly method: string; readonly path: string; readonly handler: RouteHandler };

type Compiled = Route & { readonly segments: readonly string[] };

export type Match = { ok: true; route: Route; params: Record<string, string> } | { ok: false; problem: Problem; allow?: string };

function split(path: string): string[] {
  return path.split('/').filter((s) => s.length > 0);
}

function matchSegments(pattern: readonly string[], actual: readonly string[]): Record<string, string> | undefined {
  if (pattern.length !== actual.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i]!;
    const a = actual[i]!;
    if (p.startsWith(':')) {
      try {
        params[p.slice(1)] = decodeURIComponent(a);
      } catch {
        return undefined;
      }
    } else if (p !== a) return undefined;
  }
  return params;
}

export function createRouter(routes: readonly Route[]): (method: string, path: string) => Match {
  const compiled: Compiled[] = routes.map((r) => ({ ...r, segments: split(r.path) }));
  return (method, path) => {
    const actual = split(path);
    const allowed: string[] = [];
    for (const route of compiled) {
      const params = matchSegments(route.segments, actual);
      if (!params) continue;
      if (route.method === method || (method === 'HEAD' && route.method === 'GET')) return { ok: true, route, params };
      allowed.push(route.method);
    }
    if (allowed.length > 0) return { ok: false, problem: problem('METHOD_NOT_ALLOWED', `${method} is not allowed here; use ${allowed.join(' or ')}`), allow: allowed.join(', ') };
    return { ok: false, problem: problem('NOT_FOUND', `no route for ${method} ${path}`) };
  };
}
