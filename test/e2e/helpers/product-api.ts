// The local product's HTTP API as the tests of freshness and change streams call it: admin writes
// with If-Match (the version each answer gives back), and evaluations by single, bulk, batch and
// preview routes, with the product's own keys.

import type { LocalProduct } from './local-product.ts';

export type Json = Record<string, unknown>;
export type Answer = { readonly status: number; readonly headers: Headers; readonly body: Json };

export const ENVIRONMENT = 'development';

/** A boolean flag on or off for everyone: `enabled` is what the kill switch turns. */
export const onOffFlag = (key: string, enabled: boolean, serve: 'on' | 'off' = 'on') => ({
  key,
  enabled,
  variants: { on: true, off: false },
  offVariant: 'off',
  defaultVariant: serve,
});

async function call(url: string, init: RequestInit & { headers: Record<string, string> }): Promise<Answer> {
  const response = await fetch(url, init);
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text === '' ? {} : (JSON.parse(text) as Json) };
}

export function productApi(product: LocalProduct) {
  const admin = (path: string, method: string, body?: unknown, headers: Record<string, string> = {}) =>
    call(`${product.url}/admin/v1${path}`, {
      method,
      headers: { Authorization: `Bearer ${product.adminKey}`, 'Content-Type': 'application/json', ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const evaluate = (path: string, body: unknown, key = product.sdkKey, headers: Record<string, string> = {}) =>
    call(`${product.url}/evaluate${path}`, { method: 'POST', headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
  /** The flag's version as its ETag says (0 when it does not exist). */
  const versionOf = async (key: string): Promise<number> => {
    const answer = await admin(`/environments/${ENVIRONMENT}/flags/${key}`, 'GET');
    return answer.status === 404 ? 0 : Number(JSON.parse(answer.headers.get('etag') ?? '"0"'));
  };
  return {
    admin,
    versionOf,
    /** Writes the flag over whatever version it has now; returns the answer (201 created, 200 updated). */
    putFlag: async (flag: Json & { key: string }, comment = 'test') =>
      admin(`/environments/${ENVIRONMENT}/flags/${flag.key}`, 'PUT', { flag, comment }, { 'If-Match': String(await versionOf(flag.key)) }),
    createSdkKey: async (environment = ENVIRONMENT) => {
      const answer = await admin('/keys', 'POST', { kind: 'sdk', environment, name: `test key ${Date.now()}` });
      if (answer.status !== 201) throw new Error(`could not create a key: ${answer.status} ${JSON.stringify(answer.body)}`);
      const { key, secret } = answer.body as { key: { id: string }; secret: string };
      return { id: key.id, secret };
    },
    revokeKey: (id: string) => admin(`/keys/${id}/revoke`, 'POST', {}),
    single: (key: string, context: Json = { targetingKey: 'user-1' }, sdkKey?: string) => evaluate(`/ofrep/v1/evaluate/flags/${key}`, { context }, sdkKey),
    bulk: (context: Json = { targetingKey: 'user-1' }, sdkKey?: string, query = '', headers: Record<string, string> = {}) =>
      evaluate(`/ofrep/v1/evaluate/flags${query}`, { context }, sdkKey, headers),
    batch: (flags: string[], contexts: Json[] = [{ targetingKey: 'user-1' }]) => evaluate('/v1/evaluate/batch', { contexts, flags }),
    preview: (flagKey: string, users: Json[] = [{ targetingKey: 'user-1' }]) =>
      call(`${product.url}/preview/v1/rules/preview?environment=${ENVIRONMENT}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${product.adminKey}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ flagKey, users, trace: false }),
      }),
  };
}

export type ProductApi = ReturnType<typeof productApi>;

/** The member of a bulk answer for one flag. */
export const bulkMember = (answer: Answer, key: string) => (answer.body.flags as Json[] | undefined)?.find((f) => f.key === key);
