// GET /v1/environments/:env/flags/:key/usage: a flag's evaluations, variants, reasons and each
// rule's match rate over the last minutes, from the aggregator's rollups.

import assert from 'node:assert/strict';
import { keyLookup } from '../../../shared/http/auth.ts';
import { createMemoryRollupStore } from '../../../shared/aggregate/memory-rollup-store.ts';
import type { FlagMinute } from '../../../shared/aggregate/rollup-store.ts';
import { createAdminFunction } from '../../../functions/admin/app.ts';
import { serveFunction, type RunningFunction } from '../../helpers/function-server.ts';
import { ENV, KEYS, NOW, seededStore } from './fixture.ts';
import { testTelemetry } from '../../helpers/telemetry.ts';

const MINUTE = 60_000;
const minuteOf = (ms: number) => Math.floor(ms / MINUTE) * MINUTE;
const rollup = (minute: number, evaluations: number, rules: Record<string, number>): FlagMinute => ({
  environment: ENV, flag: 'new-checkout', minute, evaluations, errors: 0, variants: { on: rules['eu-pros'] ?? 0, off: evaluations - (rules['eu-pros'] ?? 0) }, reasons: { TARGETING_MATCH: rules['eu-pros'] ?? 0, DEFAULT: evaluations - (rules['eu-pros'] ?? 0) }, rules,
});

describe('admin: flag usage from the rollups', () => {
  let admin: RunningFunction;
  before(async () => {
    const rollups = createMemoryRollupStore();
    const plan = { flagMinutes: [rollup(minuteOf(NOW) - 90 * MINUTE, 1000, { 'eu-pros': 1000 }), rollup(minuteOf(NOW) - 30 * MINUTE, 60, { 'eu-pros': 15 }), rollup(minuteOf(NOW), 40, { 'eu-pros': 5 })], experiments: [], requests: [], watermark: undefined };
    await rollups.commit({ messageIds: ['m1'], experiments: [] }, () => plan);
    const store = seededStore();
    admin = await serveFunction('admin', createAdminFunction({ stores: store, keys: keyLookup(store.keys), consoleOrigins: [], now: () => NOW, storeDeadlineMs: 5000, usage: rollups.flagMinutes, telemetry: testTelemetry('{n}') }));
  });
  after(() => admin.close());
  const get = (query: string, key: string = KEYS.viewer) => fetch(`${admin.url}/v1/environments/${ENV}/flags/new-checkout/usage${query}`, { headers: { authorization: `Bearer ${key}` } });

  it('sums the last hour by default, with each rule\'s match rate', async () => {
    const answer = await get('');
    assert.equal(answer.status, 200);
    const usage = (await answer.json()) as { evaluations: number; variants: Record<string, number>; rules: Record<string, { matches: number; matchRate: number }>; minutes: unknown[] };
    assert.equal(usage.evaluations, 100, 'the minute 90 minutes ago is outside the hour');
    assert.deepEqual(usage.rules, { 'eu-pros': { matches: 20, matchRate: 0.2 } });
    assert.deepEqual(usage.variants, { on: 20, off: 80 });
    assert.equal(usage.minutes.length, 2);
  });

  it('gives each minute its evaluations by variant and by rule, for charts over time', async () => {
    const usage = (await (await get('')).json()) as { minutes: { minute: number; evaluations: number; variants: Record<string, number>; rules: Record<string, number> }[] };
    assert.deepEqual(usage.minutes.map((m) => [m.minute, m.evaluations, m.variants, m.rules]), [
      [minuteOf(NOW) - 30 * MINUTE, 60, { on: 15, off: 45 }, { 'eu-pros': 15 }],
      [minuteOf(NOW), 40, { on: 5, off: 35 }, { 'eu-pros': 5 }],
    ]);
  });

  it('takes a longer span in minutes', async () => {
    const usage = (await (await get('?minutes=120')).json()) as { evaluations: number };
    assert.equal(usage.evaluations, 1100);
  });

  it('refuses a span that is not a whole number of minutes from 1 to a week, at ?minutes', async () => {
    for (const bad of ['0', '-5', '1.5', 'x', '10081']) {
      const answer = await get(`?minutes=${bad}`);
      assert.equal(answer.status, 400, bad);
      assert.equal(((await answer.json()) as { errors: { path: string }[] }).errors[0]?.path, '?minutes');
    }
  });

  it('is read with any admin key, never an SDK key', async () => {
    assert.equal((await get('', KEYS.sdk)).status, 403);
    assert.equal((await get('', KEYS.wrong)).status, 401);
  });
});
