// The console's one way to the APIs: base URLs from /config.json, the admin key from the session,
// JSON both ways, every answer checked against its shape, every failure an ApiError carrying the
// problem's code and paths for the view to place.

import type * as z from 'zod/mini';
import { ProblemShape, type ConsoleConfigAnswer, type ProblemAnswer } from './shapes.ts';
import { roleFromRefusal, type Role } from '../logic/key-role.ts';

export class ApiError extends Error {
  readonly status: number;
  readonly problem: ProblemAnswer;
  constructor(status: number, problem: ProblemAnswer) {
    super(problem.detail ?? problem.title ?? `request failed with ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

export type Api = 'admin' | 'validate' | 'preview';
export type RequestOptions = { readonly method?: string; readonly body?: unknown; readonly ifMatch?: number; readonly signal?: AbortSignal };

export type Client = {
  readonly config: ConsoleConfigAnswer;
  call<S extends z.ZodMiniType>(api: Api, path: string, shape: S, options?: RequestOptions): Promise<z.infer<S>>;
};

function baseOf(config: ConsoleConfigAnswer, api: Api): string {
  return api === 'admin' ? config.adminUrl : api === 'validate' ? config.validateUrl : config.previewUrl;
}

/** `onRole`: told the key's role whenever a refusal names it. */
export function createClient(config: ConsoleConfigAnswer, adminKey: () => string | null, onRole?: (role: Role) => void): Client {
  return {
    config,
    async call(api, path, shape, options = {}) {
      const headers: Record<string, string> = { Accept: 'application/json' };
      let response: Response;
      const key = adminKey();
      if (key) headers.Authorization = `Bearer ${key}`;
      if (options.body !== undefined) headers['Content-Type'] = 'application/json';
      if (options.ifMatch !== undefined) headers['If-Match'] = String(options.ifMatch);
      try {
        response = await fetch(`${baseOf(config, api)}${path}`, {
        method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
        headers,
        ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
        });
      } catch (err) {
        if ((err as Error).name === 'AbortError') throw err;
        // No answer at all (offline, a blocked origin): status 0, in words rather than "Failed to fetch".
        throw new ApiError(0, { title: `the ${api} service could not be reached` });
      }
      const text = await response.text();
      let json: unknown;
      try {
        json = text.length > 0 ? JSON.parse(text) : {};
      } catch {
        throw new ApiError(response.status, { title: `${api} answered ${response.status} with something other than JSON` });
      }
      if (!response.ok) {
        const problem = ProblemShape.safeParse(json);
        const role = problem.success ? roleFromRefusal(response.status, problem.data.detail) : null;
        if (role) onRole?.(role);
        throw new ApiError(response.status, problem.success ? problem.data : { title: `${api} answered ${response.status}` });
      }
      const parsed = shape.safeParse(json);
      if (!parsed.success) throw new ApiError(502, { title: `${api} answered in an unexpected shape`, detail: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
      return parsed.data as z.infer<typeof shape>;
    },
  };
}
