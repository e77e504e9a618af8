// A flag's history in the console lists its release plans' and scheduled changes' state changes
// (most of which write no version), at desktop width and at 390 px, with axe and a clean console.

import assert from 'node:assert/strict';
import { signIn } from './helpers/browser.ts';
import { assertClean, assertFitsWidth, consoleSuite, type ConsolePage } from './helpers/console-page.ts';

const ramp = (key: string) => ({ key, enabled: true, variants: { treatment: true, control: false }, offVariant: 'control', defaultVariant: 'control', rules: [{ id: 'ramp', serve: { rollout: { split: [{ variant: 'treatment', weight: 0 }, { variant: 'control', weight: 100 }] } } }] });
const plan = { ruleId: 'ramp', control: 'control', treatment: 'treatment', steps: [{ weights: { treatment: 5, control: 95 } }, { weights: { treatment: 100, control: 0 } }], guards: [{ id: 'errors', kind: 'rate', event: 'error', tolerance: 0.1 }] };

describe('console history: releases and scheduled changes', function () {
  this.timeout(60000);

  let opened: ConsolePage | undefined;
  const suite = consoleSuite();

  const api = async (method: string, path: string, body?: unknown, ifMatch?: number) => {
    const headers: Record<string, string> = { Authorization: `Bearer ${suite.product.adminKey}`, 'Content-Type': 'application/json', ...(ifMatch === undefined ? {} : { 'If-Match': `"${ifMatch}"` }) };
    const response = await fetch(`${suite.product.url}/admin/v1/environments/development/flags/${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  for (const width of [1280, 390]) {
    it(`shows a plan paused and a schedule cancelled beside the versions (${width} px)`, async () => {
      const key = `history-events-${width}`;
      assert.equal((await api('PUT', key, { flag: ramp(key) }, 0)).status, 201);
      const created = await api('POST', `${key}/releases`, plan);
      assert.equal(created.status, 201);
      assert.equal((await api('POST', `${key}/releases/${created.body.id as string}/pause`, undefined, created.body.version as number)).status, 200);
      const scheduled = await api('POST', `${key}/schedules`, { at: new Date(Date.now() + 86_400_000).toISOString(), change: { enabled: false }, comment: 'end of campaign' });
      assert.equal(scheduled.status, 201);
      assert.equal((await api('DELETE', `${key}/schedules/${scheduled.body.id as string}`, undefined, 1)).status, 200);

      opened = await suite.open(width);
      const { page } = opened;
      await signIn(page, suite.product.consoleUrl, suite.product.adminKey);
      await page.goto(`${suite.product.consoleUrl}#/development/flags/${key}`);
      await page.getByRole('tab', { name: 'History' }).click();
      const list = page.getByRole('heading', { name: 'Releases and scheduled changes' });
      await list.waitFor();
      for (const event of ['release:created', 'release:pause', 'schedule:scheduled', 'schedule:cancelled']) {
        assert.equal(await page.locator(`[data-event="${event}"]`).count(), 1, event);
      }
      assert.match(await page.locator('[data-event="schedule:scheduled"]').innerText(), /end of campaign/);
      await assertClean(opened, 'history');
      await assertFitsWidth(page, width);
    });
  }
});
