// The slice of the Functions Framework's request and response our handlers use, so handlers can
// be tested through the real framework and typed without Express.

import type { IncomingHttpHeaders, ServerResponse } from 'node:http';

export type HttpRequest = {
  readonly method: string;
  /** Path without the query string, relative to the function's URL. */
  readonly path: string;
  readonly query: Readonly<Record<string, unknown>>;
  /** Path and query as sent; `query` is parsed from it on every read (Express 5), so hot paths look here first. */
  readonly url?: string;
  readonly headers: IncomingHttpHeaders;
  readonly body?: unknown;
  readonly rawBody?: Buffer;
  readonly ip?: string;
  /** The connection, for the bytes written to it. */
  readonly socket?: { readonly bytesWritten: number } | null;
};

export type HttpResponse = ServerResponse;
