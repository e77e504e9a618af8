// Usage you can see (i16 item 10), in headless chromium at desktop width and at 390 px, with real
// evaluations: the local product publishes its metrics every second and POST /aggregate/run rolls
// them up. The editor's Usage tab charts evaluations per variant and per rule over a chosen range
// (or explains why there is nothing yet); the library shows each flag's last day as a sparkline.
// axe (WCAG 2.1 AA) finds no serious or critical violation and the browser console holds no error.

import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, screenshotOnFailure, seriousViolations, signIn } from './helpers/browser.ts';
import { openConsolePage } from './helpers/console-page.ts';
import { startLocalProduct, type LocalProduct } from './helpers/local-product.ts';

const WIDTHS = [1280, 390] as const;

describe('the console shows usage (i16)', function () {
  this.timeout(60000);
  let product: LocalProduct;
  let browser: Browser;
  let context: BrowserContext | undefined;
  let page: Page | undefined;
  let problems: string[] = [];

  const usage = async (key: string) => {
    const response = await fetch(`${product.url}/admin/v1/environments/development/flags/${key}/usage`, { headers: { Authorization: `Bearer ${product.adminKey}` } });
    return (await response.json()) as { evaluations: number };
  };

  before(async () => {
    [product, browser] = await Promise.all([startLocalProduct(), launchChromium()]);
    const evaluate = (context: Record<string, unknown>) => fetch(`${product.url}/evaluate/ofrep/v1/evaluate/flags/new-checkout`, { method: 'POST', headers: { Authorization: `Bearer ${product.sdkKey}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ context }) });
    // One of four evaluations matches the eu-pros rule (a pro plan in Germany); three get the default.
    for (const context of [{ targetingKey: 'a', plan: 'pro', geo: { country: 'DE' } }, { targetingKey: 'b' }, { targetingKey: 'c' }, { targetingKey: 'd' }]) assert.equal((await evaluate(context)).status, 200);
    for (let tries = 0; tries < 20; tries++) {
      await new Promise((r) => setTimeout(r, 500));
      assert.equal((await fetch(`${product.url}/aggregate/run`, { method: 'POST', headers: { Authorization: `Bearer ${product.adminKey}` } })).status, 200);
      if ((await usage('new-checkout')).evaluations >= 4) break;
    }
    assert.equal((await usage('new-checkout')).evaluations, 4);
    // The product as started wires the last-evaluated read too (what "not evaluated for 30 days" rests on).
    const overview = await fetch(`${product.url}/admin/v1/environments/development/usage?keys=new-checkout,holiday-theme`, { headers: { Authorization: `Bearer ${product.adminKey}` } });
    const flags = ((await overview.json()) as { flags: { key: string; lastEvaluated: string | null }[] }).flags;
    assert.ok(Date.now() - Date.parse(flags[0]?.lastEvaluated ?? '') < 5 * 60_000, `new-checkout was evaluated just now: ${flags[0]?.lastEvaluated}`);
    assert.equal(flags[1]?.lastEvaluated, null);
  });
  after(async () => {
    await browser?.close();
    await product?.stop();
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await screenshotOnFailure(page, this.currentTest.fullTitle());
    await context?.close();
  });

  const open = async (width: number) => {
    ({ context, page, problems } = await openConsolePage(browser, width));
    await signIn(page, product.consoleUrl, product.adminKey);
    return page;
  };
  const clean = async (p: Page, screen: string, width: number) => {
    assert.deepEqual(await seriousViolations(p), [], `${screen}: axe`);
    assert.deepEqual(problems, [], `${screen}: nothing in the browser console`);
    const scroll = await p.evaluate(() => document.documentElement.scrollWidth);
    // On failure, name the outermost elements that stick out.
    const wide = scroll <= width ? [] : await p.evaluate((w) => [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > w + 0.5 && !(e.parentElement && e.parentElement.getBoundingClientRect().right > w + 0.5)).slice(0, 5).map((e) => `${e.tagName.toLowerCase()}.${e.className}`), width);
    assert.ok(scroll <= width, `${screen}: no horizontal scrolling at ${width} px (scrollWidth ${scroll}: ${wide.join(', ')})`);
  };
  const usageTab = async (p: Page, key: string) => {
    await p.getByRole('link', { name: key, exact: true }).click();
    await p.getByRole('tab', { name: 'Usage' }).click();
    await p.getByRole('heading', { name: /^Usage/ }).waitFor();
  };
  /** The numbers a chart gives screen readers: its hidden table's cells, summed per column. */
  const tableTotals = (p: Page, caption: string) =>
    p.locator('figure.time-chart', { has: p.locator('figcaption', { hasText: caption }) }).evaluate((figure) => {
      const table = figure.querySelector('table')!;
      const heads = [...table.querySelectorAll('thead th')].slice(1).map((th) => th.textContent ?? '');
      const sums = heads.map(() => 0);
      for (const row of table.querySelectorAll('tbody tr')) row.querySelectorAll('td').forEach((td, i) => (sums[i]! += Number(td.textContent) || 0));
      return Object.fromEntries(heads.map((h, i) => [h, sums[i]]));
    });

  for (const width of WIDTHS) {
    describe(`at ${width} px`, () => {
      it('shows a sparkline and the last day in words next to each flag in the library', async () => {
        const p = await open(width);
        const row = p.locator('table.flags tbody tr', { has: p.getByRole('link', { name: 'new-checkout', exact: true }) });
        await row.locator('.sparkline svg').waitFor();
        assert.equal(await row.locator('.sparkline').innerText(), '4 in 24 h');
        const quiet = p.locator('table.flags tbody tr', { has: p.getByRole('link', { name: 'holiday-theme', exact: true }) });
        assert.equal(await quiet.locator('.sparkline').innerText(), 'Never evaluated');
        await clean(p, 'library with usage', width);
      });

      it('charts evaluations per variant and per rule in the Usage tab, over the range chosen', async () => {
        const p = await open(width);
        await usageTab(p, 'new-checkout');
        await p.getByText('evaluations in the last 24 hours').waitFor();
        assert.equal(await p.locator('.usage-total strong').innerText(), '4');
        assert.equal(await p.locator('figure.time-chart canvas').count(), 2, 'two charts drawn');
        assert.deepEqual(await tableTotals(p, 'per variant'), { off: 3, on: 1 });
        assert.deepEqual(await tableTotals(p, 'per rule'), { 'no rule (default)': 3, 'eu-pros': 1 });
        const canvasWidth = await p.locator('figure.time-chart canvas').first().evaluate((c) => c.getBoundingClientRect().width);
        assert.ok(canvasWidth > 200 && canvasWidth <= width, `the chart fits its container (${canvasWidth} px)`);
        await clean(p, 'usage tab, 24 h', width);

        for (const [label, span] of [['1 h', 'the last hour'], ['7 d', 'the last 7 days']] as const) {
          await p.getByRole('button', { name: label, exact: true }).click();
          await p.getByText(`evaluations in ${span}`).waitFor();
          assert.equal(await p.getByRole('button', { name: label, exact: true }).getAttribute('aria-pressed'), 'true');
          assert.deepEqual(await tableTotals(p, 'per variant'), { off: 3, on: 1 }, span);
        }
        await clean(p, 'usage tab, 7 d', width);

        // Leaving the tab destroys the plots; none is left behind.
        await p.getByRole('tab', { name: 'Rules' }).click();
        assert.equal(await p.locator('.uplot').count(), 0);
      });

      it('explains an empty Usage tab instead of drawing empty charts', async () => {
        const p = await open(width);
        await usageTab(p, 'holiday-theme');
        await p.getByRole('heading', { name: 'No evaluations in the last 24 hours' }).waitFor();
        assert.equal(await p.locator('figure.time-chart').count(), 0);
        await clean(p, 'empty usage tab', width);
      });
    });
  }

  it('redraws a chart at its container\'s new width', async () => {
    const p = await open(1280);
    await usageTab(p, 'new-checkout');
    const canvas = p.locator('figure.time-chart canvas').first();
    await canvas.waitFor();
    const before = await canvas.evaluate((c) => c.getBoundingClientRect().width);
    // At 700 px the two charts stack: each takes the whole width, wider than half of 1280.
    await p.setViewportSize({ width: 700, height: 800 });
    await p.waitForFunction((w) => {
      const plot = document.querySelector('.time-chart-plot');
      const drawn = plot?.querySelector('canvas')?.getBoundingClientRect().width;
      return plot !== null && drawn !== undefined && drawn !== w && Math.abs(drawn - plot.clientWidth) <= 1;
    }, before);
  });
});
