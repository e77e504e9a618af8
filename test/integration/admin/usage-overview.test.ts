// GET /v1/environments/:env/usage?keys=: the library's usage at a glance: each flag's last 24
// hours by hour and when it was last evaluated, for many flags in one request.

import assert from 'node:assert/strict';
import { keyLookup } from '../../../shared/http/auth.ts';
import { createMemoryRollupStore } from '../../../shared/aggregate/memory-rollup-store.ts';
import type { FlagMinute } from '../../../shared/aggregate/rollup-store.ts';
import { createAdminFunction } from '../../../functions/admin/app.ts';
import { serveFunction, type RunningFunction } from '../../helpers/function-server.ts';
import { ENV, KEYS, NOW, seededStore } from './fixture.ts';
import { testTelemetry } from '../../helpers/telemetry.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const minuteOf = (ms: number) => Math.floor(ms / MINUTE) * MINUTE;
const rollup = (flag: string, minute: number, evaluations: number): FlagMinute => ({ environment: ENV, flag, minute, evaluations, errors: 0, variants: { on: evaluations }, reasons: { DEFAULT: evaluations }, rules: {} });
type Overview = { from: string; to: string; flags: { key: string; evaluations: number; hours: number[]; lastEvaluated: string | null }[] };

describe('admin: the usage of many flags at a glance', () => {
  let admin: RunningFunction;
  const fortyDaysAgo = minuteOf(NOW) - 40 * 24 * HOUR;
  before(async () => {
    const rollups = createMemoryRollupStore();
    const plan = { flagMinutes: [rollup('new-checkout', minuteOf(NOW), 7), rollup('new-checkout', minuteOf(NOW) - 5 * HOUR, 3), rollup('new-checkout', minuteOf(NOW) - 30 * HOUR, 100), rollup('dark-mode', fortyDaysAgo, 1)], experiments: [], requests: [], watermark: undefined };
    await rollups.commit({ messageIds: ['m1'], experiments: [] }, () => plan);
    const store = seededStore();
    admin = await serveFunction('admin', createAdminFunction({ stores: store, keys: keyLookup(store.keys), consoleOrigins: [], now: () => NOW, storeDeadlineMs: 5000, usage: rollups.flagMinutes, lastUsed: rollups.lastFlagMinute, telemetry: testTelemetry('{n}') }));
  });
  after(() => admin.close());
  const get = (query: string, key: string = KEYS.viewer, env = ENV) => fetch(`${admin.url}/v1/environments/${env}/usage${query}`, { headers: { authorization: `Bearer ${key}` } });

  it('gives each named flag its last 24 hours by hour, the current hour last, and when it was last evaluated', async () => {
    const answer = await get('?keys=new-checkout,dark-mode,never-seen');
    assert.equal(answer.status, 200);
    const overview = (await answer.json()) as Overview;
    assert.equal(Date.parse(overview.to) - Date.parse(overview.from), 24 * HOUR);
    const [checkout, dark, never] = overview.flags;
    assert.equal(checkout?.key, 'new-checkout');
    assert.equal(checkout?.hours.length, 24);
    assert.equal(checkout?.hours[23], 7);
    assert.equal(checkout?.hours[18], 3);
    assert.equal(checkout?.evaluations, 10, 'the minute 30 hours ago is outside the day');
    assert.equal(checkout?.lastEvaluated, new Date(minuteOf(NOW)).toISOString());
    assert.deepEqual([dark?.evaluations, dark?.lastEvaluated], [0, new Date(fortyDaysAgo).toISOString()], 'last evaluated reaches back past the day');
    assert.deepEqual([never?.key, never?.evaluations, never?.lastEvaluated], ['never-seen', 0, null]);
  });

  it('names each flag once however often it is asked for', async () => {
    const overview = (await (await get('?keys=dark-mode,dark-mode')).json()) as Overview;
    assert.deepEqual(overview.flags.map((f) => f.key), ['dark-mode']);
  });

  it('refuses no keys, more than 50 and unknown parameters, at their query path', async () => {
    const many = Array.from({ length: 51 }, (_, i) => `f${i}`).join(',');
    for (const [query, path] of [['', '?keys'], ['?keys=', '?keys'], [`?keys=${many}`, '?keys'], ['?keys=a&minutes=5', '?minutes']] as const) {
      const answer = await get(query);
      assert.equal(answer.status, 400, query);
      assert.equal(((await answer.json()) as { errors: { path: string }[] }).errors[0]?.path, path, query);
    }
  });

  it('answers 404 for an unknown environment and is read with admin keys only', async () => {
    assert.equal((await get('?keys=a', KEYS.viewer, 'nowhere')).status, 404);
    assert.equal((await get('?keys=a', KEYS.sdk)).status, 403);
  });
});
