// Guarded releases and scheduled changes in the console (issue 17), in headless chromium at
// desktop width and at 390 px: a plan made in the plan editor (a refusal shown at its field), its
// start by the minute run in the timeline and the guard chart, pause / resume / abort (a stale
// steer asks for a reload), a scheduled change made and cancelled, the library's badges, and a
// viewer who sees it all without a control. axe (WCAG 2.1 AA) with no serious or critical
// violation, nothing unexpected in the browser console, no horizontal scrolling.

import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, screenshotOnFailure, seriousViolations, signIn } from './helpers/browser.ts';
import { openConsolePage } from './helpers/console-page.ts';
import { startLocalProduct, type LocalProduct } from './helpers/local-product.ts';

const WIDTHS = [1280, 390] as const;

const rampFlag = (key: string) => ({
  key, enabled: true, variants: { treatment: true, control: false }, offVariant: 'control', defaultVariant: 'control',
  rules: [{ id: 'ramp', serve: { rollout: { split: [{ variant: 'treatment', weight: 0 }, { variant: 'control', weight: 100 }] } } }],
});

describe('guarded releases and scheduled changes in the console (i17)', function () {
  this.timeout(120000);
  let product: LocalProduct;
  let browser: Browser;
  let context: BrowserContext | undefined;
  let page: Page | undefined;
  let problems: string[] = [];

  const api = async (path: string, init: { method?: string; body?: unknown; ifMatch?: number; key?: string } = {}) => {
    const headers: Record<string, string> = { Authorization: `Bearer ${init.key ?? product.adminKey}` };
    if (init.body !== undefined) headers['Content-Type'] = 'application/json';
    if (init.ifMatch !== undefined) headers['If-Match'] = String(init.ifMatch);
    const response = await fetch(`${product.url}/admin/v1${path}`, { method: init.method ?? (init.body === undefined ? 'GET' : 'POST'), headers, ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }) });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const aggregate = async () => assert.equal((await fetch(`${product.url}/aggregate/run`, { method: 'POST', headers: { Authorization: `Bearer ${product.adminKey}` } })).status, 200);
  const flags = '/environments/development/flags';

  /** Axe, the browser console (but for the refusals the test provoked on purpose) and the width. */
  const clean = async (p: Page, width: number, screen: string, expected: readonly RegExp[] = []) => {
    const violations = await seriousViolations(p);
    assert.deepEqual(violations, [], `${screen}: ${JSON.stringify(violations, null, 1)}`);
    assert.deepEqual(problems.filter((x) => !expected.some((re) => re.test(x))), [], `${screen}: nothing else in the browser console`);
    const wider = await p.evaluate((w) => document.documentElement.scrollWidth <= w ? [] : [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > w + 1).slice(-5).map((e) => `${e.tagName}.${e.className}#${e.id}`), width);
    assert.deepEqual(wider, [], `${screen}: no horizontal scrolling at ${width} px`);
  };
  const open = async (width: number, key = product.adminKey) => {
    ({ context, page, problems } = await openConsolePage(browser, width, { height: 900, acceptDialogs: true }));
    const p = page;
    await signIn(p, product.consoleUrl, key);
    return p;
  };
  const openReleases = async (p: Page, flag: string) => {
    await p.goto(`${product.consoleUrl}#/development/flags/${flag}`);
    await p.getByRole('tab', { name: 'Releases' }).click();
    await p.getByRole('heading', { name: 'Guarded releases' }).waitFor();
  };

  before(async () => {
    [product, browser] = await Promise.all([startLocalProduct(), launchChromium()]);
    for (const key of [...WIDTHS.map((w) => `release-${w}`), 'release-viewer']) assert.equal((await api(`${flags}/${key}`, { method: 'PUT', ifMatch: 0, body: { flag: rampFlag(key) } })).status, 201);
  });
  after(async () => {
    await browser?.close();
    await product?.stop();
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await screenshotOnFailure(page, this.currentTest.fullTitle());
    await context?.close();
  });

  for (const width of WIDTHS) {
    const flag = `release-${width}`;
    it(`plans, follows and steers a guarded release and schedules a change, at ${width} px`, async () => {
      const p = await open(width);
      await openReleases(p, flag);
      await p.getByRole('button', { name: 'Start a guarded release' }).click();
      await p.getByRole('heading', { name: 'New guarded release' }).waitFor();
      await clean(p, width, 'plan editor');

      // A share over 100% is refused by the API at the step's weights: the message sits at that step's field.
      await p.locator('#plan-step-0-percent').fill('150');
      await p.getByRole('button', { name: 'Create the plan' }).click();
      await p.locator('#plan-step-0-percent-error').waitFor();
      assert.equal(await p.locator('#plan-step-0-percent').getAttribute('aria-invalid'), 'true');
      assert.match(await p.locator('#plan-step-0-percent-error').innerText(), /100/);
      // The refused field takes the focus.
      await p.waitForFunction(() => document.activeElement?.id === 'plan-step-0-percent');
      // A Monitoring guard's threshold that is no number is caught before anything is sent.
      await p.getByRole('button', { name: 'Add a guard' }).click();
      await p.locator('#plan-guard-1-kind').selectOption('monitoring');
      await p.locator('#plan-guard-1-filter').fill('metric.type="run.googleapis.com/request_latencies"');
      await p.locator('#plan-guard-1-threshold').fill('high');
      await p.getByRole('button', { name: 'Create the plan' }).click();
      assert.equal(await p.locator('#plan-guard-1-threshold-error').innerText(), 'give a number');
      await clean(p, width, 'plan editor with refusals', [/^4(00|22) POST .*\/releases$/, /Failed to load resource: the server responded with a status of 4(00|22)/]);
      await p.getByRole('button', { name: 'Remove guard 2' }).click();
      await p.locator('#plan-step-0-percent').fill('1');
      await p.locator('#plan-step-0-hold').fill('1');
      await p.locator('#plan-guard-0-tolerance').fill('20');
      await p.getByRole('button', { name: 'Create the plan' }).click();
      const view = p.locator('.plan-view');
      await view.waitFor();
      assert.match(await view.locator('h3').innerText(), /Release r[0-9a-f]+ of rule ramp\s+Running/);
      assert.match(await view.locator('.plan-step-now').innerText(), /Not started/);
      await view.locator('.plan-setup summary').click();
      assert.match(await view.locator('.plan-setup').innerText(), /1% → 5% → 25% → 50% → 100% of treatment[\s\S]*errors: "error" per exposure may rise 20% against control/);
      const created = ((await api(`${flags}/${flag}/releases`)).body.items as { id: string; guards: { tolerance: number }[]; steps: { minHoldMinutes: number }[] }[])[0]!;
      assert.equal(created.guards[0]!.tolerance, 0.2);
      assert.equal(created.steps[0]!.minHoldMinutes, 1);

      // The minute run starts it; a second run checks its guard: the timeline and the chart show both.
      await aggregate();
      await aggregate();
      await p.getByRole('button', { name: 'Reload' }).click();
      await view.locator('.timeline li[data-action="start"]').waitFor();
      assert.equal(await view.locator('.timeline li[data-action="start"] .what').innerText(), 'Started at step 1 (treatment 1%, control 99%), by the minute run.');
      assert.match(await view.locator('.plan-step-now').innerText(), /Step 1 of 5 \(treatment 1%, control 99%\)/);
      // The start wrote version 2 of the flag: the editor offers it, and takes it.
      assert.match(await view.locator('.flag-moved').innerText(), /The release wrote version 2 of the flag; the editor shows version 1\./);
      await view.getByRole('button', { name: 'Load version 2' }).click();
      await p.locator('h1', { hasText: 'version 2' }).waitFor();
      assert.equal(await view.locator('.flag-moved').count(), 0);
      await view.getByRole('heading', { name: /^Last check/ }).waitFor();
      assert.match(await view.locator('.evidence').first().innerText(), /errors: "error" per exposure, treatment 0 in \d+ exposures.*: not enough data yet\./);
      await view.locator('.guard-charts figure.time-chart canvas').first().waitFor();
      assert.match(await view.locator('.guard-charts figcaption').first().innerText(), /errors: evidence of harm/);
      assert.match(await view.locator('.guard-charts .time-chart > p.visually-hidden').first().textContent() ?? '', /Halts at this evidence: 2\.99573/);
      await clean(p, width, 'plan view with its timeline', [/^400 POST .*\/releases$/, /^422 POST .*\/releases$/, /Failed to load resource: the server responded with a status of 4(00|22)/]);

      // Pause, then a stale steer (the plan moved on the server since it was loaded) asks for a reload.
      await view.getByRole('button', { name: 'Pause the release' }).click();
      await view.locator('h3 .badge', { hasText: 'Paused' }).waitFor();
      const paused = (await api(`${flags}/${flag}/releases`)).body.items as { id: string; version: number }[];
      assert.equal((await api(`${flags}/${flag}/releases/${paused[0]!.id}/resume`, { method: 'POST', ifMatch: paused[0]!.version })).status, 200);
      await view.getByRole('button', { name: 'Resume the release' }).click();
      assert.match(await view.getByRole('alert').innerText(), /changed since you loaded it.*Reload it/);
      await view.getByRole('button', { name: 'Reload' }).click();
      await view.locator('h3 .badge', { hasText: 'Running' }).waitFor();
      assert.equal(await view.locator('.timeline li[data-action="pause"]').count(), 1);
      assert.equal(await view.locator('.timeline li[data-action="resume"]').count(), 1);

      // A time in the past is refused at its field; then two changes: disable the flag tomorrow, and a ramp the day after.
      const localAt = (ms: number) => {
        const d = new Date(ms);
        return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}T${String(d.getHours()).padStart(2, '0')}:00`;
      };
      assert.match(await p.locator('label[for="schedule-when"]').innerText(), /When \(your time zone, .+\)/);
      await p.locator('#schedule-when').fill(localAt(Date.now() - 2 * 86_400_000));
      await p.getByRole('button', { name: 'Schedule the change' }).click();
      await p.locator('#schedule-when-error').waitFor();
      assert.match(await p.locator('#schedule-when-error').innerText(), /must not be in the past/);
      assert.equal(await p.locator('#schedule-when').getAttribute('aria-invalid'), 'true');
      await p.locator('#schedule-when').fill(localAt(Date.now() + 86_400_000));
      await p.locator('#schedule-change').selectOption('disable');
      await p.locator('#schedule-comment').fill('end of campaign');
      await p.getByRole('button', { name: 'Schedule the change' }).click();
      const row = p.locator('table.schedules tbody tr');
      await row.first().waitFor();
      assert.match(await row.first().innerText(), /Disable the flag[\s\S]*end of campaign[\s\S]*Pending/);
      await p.locator('#schedule-when').fill(localAt(Date.now() + 2 * 86_400_000));
      await p.locator('#schedule-change').selectOption('weights');
      await p.locator('#schedule-variant').selectOption('treatment');
      await p.locator('#schedule-percent').fill('50');
      await p.locator('#schedule-comment').fill('');
      await p.getByRole('button', { name: 'Schedule the change' }).click();
      await row.nth(1).waitFor();
      assert.match(await row.nth(1).innerText(), /Set rule ramp to treatment 50%, control 50%[\s\S]*Pending/);
      await clean(p, width, 'schedules', [/^4(09|00|12|22) POST .*\/(releases|resume|pause|schedules)$/, /Failed to load resource: the server responded with a status of 4(00|09|12|22)/]);

      // The library shows both: a release running, a change scheduled.
      await p.goto(`${product.consoleUrl}#/development`);
      const badges = p.locator('table.flags tr', { has: p.getByRole('link', { name: flag, exact: true }) }).locator('.badge.planned');
      await badges.nth(1).waitFor();
      assert.deepEqual(await badges.allInnerTexts(), ['Release running', '2 changes scheduled']);
      await clean(p, width, 'library', [/^4(09|00|12|22) POST .*\/(releases|resume|pause|schedules)$/, /Failed to load resource: the server responded with a status of 4(00|09|12|22)/]);

      // Back on the flag: cancel the schedule, abort the release.
      await openReleases(p, flag);
      await p.getByRole('button', { name: /^Cancel the change of/ }).first().click();
      await p.locator('table.schedules tbody tr[data-status="cancelled"]').waitFor();
      await p.locator('.plan-view').getByRole('button', { name: 'Abort the release' }).click();
      await p.locator('.plan-view h3 .badge', { hasText: 'Aborted' }).waitFor();
      assert.equal(await p.locator('.plan-view .plan-steer button').allInnerTexts().then((t) => t.join(',')), 'Reload');
      assert.equal(await p.locator('.timeline li[data-action="abort"]').count(), 1);
      await clean(p, width, 'aborted', [/^4(09|00|12|22) POST .*\/(releases|resume|pause|schedules)$/, /Failed to load resource: the server responded with a status of 4(00|09|12|22)/]);
    });
  }

  it('shows a viewer the plan, its timeline and the schedules, with no control to change them', async () => {
    const made = await api('/keys', { method: 'POST', body: { kind: 'admin', role: 'viewer', name: 'releases viewer' } });
    assert.equal(made.status, 201);
    const plan = await api(`${flags}/release-viewer/releases`, { body: { ruleId: 'ramp', control: 'control', treatment: 'treatment', steps: [{ weights: { treatment: 10, control: 90 } }, { weights: { treatment: 100, control: 0 } }], guards: [{ id: 'errors', kind: 'rate', event: 'error', tolerance: 0.1 }] } });
    assert.equal(plan.status, 201);
    assert.equal((await api(`${flags}/release-viewer/schedules`, { body: { at: new Date(Date.now() + 3_600_000).toISOString(), change: { enabled: false } } })).status, 201);
    await aggregate();
    const p = await open(1280, made.body.secret as string);
    await openReleases(p, 'release-viewer');
    const view = p.locator('.plan-view');
    await view.locator('.timeline li[data-action="start"]').waitFor();
    assert.equal(await p.getByRole('button', { name: 'Start a guarded release' }).count(), 0);
    assert.deepEqual(await view.locator('.plan-steer button').allInnerTexts(), ['Reload']);
    await p.locator('table.schedules tbody tr').first().waitFor();
    assert.match(await p.locator('table.schedules tbody tr').first().innerText(), /Disable the flag[\s\S]*Pending/);
    assert.equal(await p.locator('.schedule-form').count(), 0);
    assert.equal(await p.getByRole('button', { name: /^Cancel the change/ }).count(), 0);
    await clean(p, 1280, 'viewer');
  });
});
