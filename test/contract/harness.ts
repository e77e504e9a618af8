// What every store contract suite is given: fresh, empty stores on an injected clock, and a way
// to plant a stored record as-is (bypassing every check), as a corrupted database would hold it.

import type { DocumentKind } from '../../shared/store/document-ports.ts';
import type { AdminStores } from '../../shared/store/ports.ts';
import type { StoredDocument } from '../../shared/store/records.ts';

export type TestClock = { readonly now: () => number; readonly set: (ms: number) => void; readonly advance: (ms: number) => void };

export function testClock(start = Date.parse('2026-03-10T12:00:00Z')): TestClock {
  let t = start;
  return { now: () => t, set: (ms) => void (t = ms), advance: (ms) => void (t += ms) };
}

export type RawTarget = { readonly kind: DocumentKind; readonly environment: string; readonly key: string } | { readonly apiKeyHash: string };

export type Harness = {
  readonly stores: AdminStores;
  readonly clock: TestClock;
  readonly writeRaw: (target: RawTarget, record: unknown) => Promise<void>;
};

/** Fresh, empty stores (no environment) for each test. */
export type MakeHarness = (clock: TestClock) => Promise<Harness>;

export const ENV = 'prod';
export const admin = { actor: 'alice', comment: 'because', requestId: 'req-1' } as const;

/** A stored record with a valid envelope around any body. */
export function envelope(key: string, body: unknown, version = 1): StoredDocument {
  return { key, version, json: JSON.stringify(body), updatedAt: '2026-03-10T12:00:00.000Z', updatedBy: 'raw' };
}

/** Fresh stores with the `prod` environment created. */
export async function withEnvironment(make: MakeHarness): Promise<Harness> {
  const h = await make(testClock());
  const created = await h.stores.environments.create({ key: ENV, name: 'Production' }, { actor: 'setup' });
  if (!created.ok) throw new Error(`setup: ${JSON.stringify(created)}`);
  return h;
}

export function expectOk<T extends { ok: boolean }>(result: T): Extract<T, { ok: true }> {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result)}`);
  return result as Extract<T, { ok: true }>;
}
