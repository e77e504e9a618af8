// The benchmark's product: one environment with an SDK key and an admin key, seeded through the
// store ports (as an operator's first setup would), and the admin function served in this
// process. Writes go through the admin API, as a user's would.

import type { RuntimeConfig } from '../../../shared/config/runtime-config.ts';
import { startInstance, type Instance } from '../../../shared/wiring/instance.ts';
import { adminDeps } from '../../../functions/admin/deps.ts';
import { createAdminFunction } from '../../../functions/admin/app.ts';
import { serveFunction, type RunningFunction } from '../../../test/helpers/function-server.ts';

const meta = { actor: 'propagation benchmark' };

/** A boolean flag whose default variant the benchmark flips. */
export const onOff = (key: string, defaultVariant: 'on' | 'off') => ({ key, enabled: true, variants: { on: true, off: false }, offVariant: 'off', defaultVariant });

export type Product = {
  /** This process's instance (store and Redis clients), which the admin function writes through. */
  readonly instance: Instance;
  readonly environment: string;
  readonly sdkKey: string;
  readonly admin: RunningFunction;
  readonly adminKey: string;
  readonly close: () => Promise<void>;
};

export async function seedProduct(config: RuntimeConfig, environment: string): Promise<Product> {
  const instance = startInstance(config, 'bench');
  const { stores } = instance.backends;
  const created = await stores.environments.create({ key: environment }, meta);
  if (!created.ok) throw new Error(`environment ${environment}: ${JSON.stringify(created)}`);
  const sdk = await stores.apiKeys.create({ kind: 'sdk', environment, name: `bench-sdk-${environment}` }, meta);
  const admin = await stores.apiKeys.create({ kind: 'admin', role: 'admin', name: `bench-admin-${environment}` }, meta);
  if (!sdk.ok || !admin.ok) throw new Error(`keys for ${environment} were refused`);
  const adminFn = await serveFunction('admin', createAdminFunction(adminDeps(config, instance)));
  return { instance, environment, sdkKey: sdk.secret, admin: adminFn, adminKey: admin.secret, close: () => adminFn.close() };
}

/**
 * PUT a flag through the admin API with `If-Match`; resolves with the flag's new version and the
 * environment's, and `answeredAt`: when the 2xx answer's headers arrived, the earliest moment the
 * write counts as acknowledged (so the strictest freshness check).
 */
export async function putFlag(product: Product, flag: { key: string } & Record<string, unknown>, ifMatch: number): Promise<{ version: number; environmentVersion: number; answeredAt: number }> {
  const response = await fetch(`${product.admin.url}/v1/environments/${product.environment}/flags/${flag.key}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${product.adminKey}`, 'content-type': 'application/json', 'if-match': String(ifMatch) },
    body: JSON.stringify({ flag }),
  });
  const answeredAt = performance.now();
  const body = await response.text();
  if (!response.ok) throw new Error(`PUT ${flag.key} answered ${response.status}: ${body}`);
  const saved = JSON.parse(body) as { version: number; environmentVersion: number };
  return { version: Number(saved.version), environmentVersion: Number(saved.environmentVersion), answeredAt };
}

/** OFREP single-flag evaluate: the status and the variant served. */
export async function evaluateFlag(url: string, sdkKey: string, key: string): Promise<{ status: number; variant: unknown }> {
  const response = await fetch(`${url}/ofrep/v1/evaluate/flags/${key}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${sdkKey}`, 'content-type': 'application/json' },
    body: '{"context":{"targetingKey":"bench-user"}}',
  });
  const body = (await response.json()) as { variant?: unknown };
  return { status: response.status, variant: body.variant };
}
