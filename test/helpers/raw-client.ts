// A node:http client that sends request bodies the way hostile clients do: a declared length
// that does not match, chunks without end, compressed bombs. It stops sending once the server
// answers, and tells what it sent, so a test can say "answered before reading all of it".

import { request } from 'node:http';

export type BodyPlan =
  /** One buffer, with Content-Length unless `chunked`. */
  | { readonly kind: 'buffer'; readonly bytes: Buffer; readonly chunked?: boolean }
  /** Chunks of `chunk` bytes up to `maxBytes` (a bound, so no test sends forever), chunked, ended only if the server never answers. */
  | { readonly kind: 'stream'; readonly chunk: Buffer; readonly maxBytes: number; readonly declaredLength?: number }
  /** `Content-Length: declared`, then `sent` bytes, then the connection is dropped. */
  | { readonly kind: 'short'; readonly declared: number; readonly sent: Buffer };

export type RawAnswer =
  | { readonly kind: 'answer'; readonly status: number; readonly headers: Record<string, string | string[] | undefined>; readonly body: unknown; readonly sentBytes: number }
  | { readonly kind: 'dropped'; readonly sentBytes: number };

export function rawPost(url: string, path: string, headers: Record<string, string>, plan: BodyPlan): Promise<RawAnswer> {
  return rawRequest('POST', url, path, headers, plan);
}

export function rawRequest(method: string, url: string, path: string, headers: Record<string, string>, plan: BodyPlan): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const extra: Record<string, string> = {};
    if (plan.kind === 'buffer' && !plan.chunked) extra['content-length'] = String(plan.bytes.length);
    if (plan.kind === 'stream' && plan.declaredLength !== undefined) extra['content-length'] = String(plan.declaredLength);
    if (plan.kind === 'short') extra['content-length'] = String(plan.declared);
    const req = request(url + path, { method, headers: { ...headers, ...extra }, agent: false });
    let answered = false;
    let sent = 0;
    req.on('response', (res) => {
      answered = true;
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () => {
        const text = Buffer.concat(parts).toString('utf8');
        let body: unknown = text;
        try {
          body = JSON.parse(text);
        } catch {
          // not JSON: the test sees the text
        }
        resolve({ kind: 'answer', status: res.statusCode ?? 0, headers: res.headers, body, sentBytes: sent });
        req.destroy();
      });
      res.on('error', () => resolve({ kind: 'dropped', sentBytes: sent }));
    });
    // Once answered, the server may close while we still write: that is the point, not a failure.
    req.on('error', (error) => (answered ? undefined : plan.kind === 'buffer' ? reject(error) : resolve({ kind: 'dropped', sentBytes: sent })));
    if (plan.kind === 'buffer') {
      sent = plan.bytes.length;
      req.end(plan.bytes);
      return;
    }
    if (plan.kind === 'short') {
      req.write(plan.sent);
      sent = plan.sent.length;
      setTimeout(() => {
        if (!answered) {
          req.destroy();
          resolve({ kind: 'dropped', sentBytes: sent });
        }
      }, 200);
      return;
    }
    const pump = () => {
      while (!answered && !req.destroyed && sent < plan.maxBytes) {
        sent += plan.chunk.length;
        if (!req.write(plan.chunk)) return void req.once('drain', pump);
      }
      if (!answered && !req.destroyed) req.end();
    };
    pump();
  });
}
