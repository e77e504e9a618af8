// What a handler answers, as a value: the status, the headers and one body (JSON, JSON already
// serialised, a problem, nothing, or a stream of chunks). Handlers return a Reply and never touch
// the response; send() (send.ts) is the one function that writes it. Early exits (a refused key,
// a body that does not parse, a stale If-Match, a 304) are Replies like any other, so a handler
// can be called and its answer checked without HTTP.

import type { ProblemBody } from './problem.ts';

export type ReplyHeaders = Readonly<Record<string, string>>;

export type Reply =
  | { readonly kind: 'json'; readonly status: number; readonly body: unknown; readonly headers?: ReplyHeaders }
  /** A JSON body serialised already (the OFREP hot path builds its text from cached parts). */
  | { readonly kind: 'json-text'; readonly status: number; readonly text: string; readonly headers?: ReplyHeaders }
  /** RFC 9457 problem+json; `status` is the problem's own. */
  | { readonly kind: 'problem'; readonly status: number; readonly problem: ProblemBody; readonly headers?: ReplyHeaders }
  /** No body (304, 204). */
  | { readonly kind: 'empty'; readonly status: number; readonly headers?: ReplyHeaders }
  /**
   * A body written as it is produced (batch evaluation): the chunks are pulled one at a time and
   * each written before the next is computed. A failure while pulling ends the answer early.
   */
  | { readonly kind: 'stream'; readonly status: number; readonly contentType: string; readonly chunks: AsyncIterable<Buffer | string>; readonly headers?: ReplyHeaders };

/**
 * The constructors of every Reply: `return reply.json(200, body)`, `return reply.problem(problem('NOT_FOUND', ...))`.
 * `headers` is left undefined when there are none (no object per answer on the hot path).
 */
export const reply = {
  json: (status: number, body: unknown, headers?: ReplyHeaders): Reply => ({ kind: 'json', status, body, headers }),
  jsonText: (status: number, text: string, headers?: ReplyHeaders): Reply => ({ kind: 'json-text', status, text, headers }),
  problem: (problem: ProblemBody, headers?: ReplyHeaders): Reply => ({ kind: 'problem', status: problem.status, problem, headers }),
  empty: (status: number, headers?: ReplyHeaders): Reply => ({ kind: 'empty', status, headers }),
  stream: (status: number, contentType: string, chunks: AsyncIterable<Buffer | string>, headers?: ReplyHeaders): Reply => ({ kind: 'stream', status, contentType, chunks, headers }),
};
