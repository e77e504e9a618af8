// The console across environments (i16 item 1), in headless chromium at desktop width and at
// 390 px: the environment switcher on every screen and in the URL, one flag compared across the
// environments, a promotion reviewed in words before the copy, and a fast switch that never shows
// another environment's list. axe (WCAG 2.1 AA) finds no serious or critical violation and the
// browser's console holds no error (a refused request, 4xx or 5xx, counts as one).

import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import { launchChromium, screenshotOnFailure, seriousViolations, signIn } from './helpers/browser.ts';
import { openConsolePage } from './helpers/console-page.ts';
import { startLocalProduct, type LocalProduct } from './helpers/local-product.ts';

type Json = Record<string, unknown>;
const WIDTHS = [1280, 390] as const;

/** A flag as development holds it before a promotion: on, with one rule. */
const promoted = (key: string, enabled: boolean, rules: Json[]) => ({ key, enabled, variants: { on: true, off: false }, offVariant: 'off', defaultVariant: 'off', rules });
const betaRule = { id: 'beta-testers', when: { attr: 'targetingKey', op: 'in', value: ['ana', 'ben'] }, serve: { variant: 'on' } };

describe('the console across environments (i16)', function () {
  this.timeout(60000);
  let product: LocalProduct;
  let browser: Browser;
  let context: BrowserContext | undefined;
  let page: Page | undefined;
  let problems: string[] = [];

  const api = async (path: string, init: RequestInit = {}) => {
    const response = await fetch(`${product.url}/admin/v1${path}`, { ...init, headers: { Authorization: `Bearer ${product.adminKey}`, 'Content-Type': 'application/json', ...(init.headers ?? {}) } });
    return { status: response.status, body: (await response.json()) as Json };
  };
  const putFlag = (env: string, flag: Json, ifMatch: number) => api(`/environments/${env}/flags/${flag.key as string}`, { method: 'PUT', headers: { 'If-Match': String(ifMatch) }, body: JSON.stringify({ flag }) });
  const copy = (keys: string[], to: string) => api('/environments/development/flags:bulk', { method: 'POST', body: JSON.stringify({ action: 'copy', keys, targetEnvironment: to }) });

  before(async () => {
    [product, browser] = await Promise.all([startLocalProduct(), launchChromium()]);
    for (const key of ['staging', 'production']) assert.equal((await api('/environments', { method: 'POST', body: JSON.stringify({ key }) })).status, 201);
    // Staging holds one of the seeded flags and one of its own; production none.
    assert.equal((await copy(['dark-mode'], 'staging')).body.succeeded, 1);
    assert.equal((await putFlag('staging', promoted('staging-only', false, []), 0)).status, 201);
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
    ({ context, page, problems } = await openConsolePage(browser, width, { timezoneId: 'America/New_York', acceptDialogs: true }));
    return page;
  };
  const clean = async (p: Page, screen: string) => {
    const violations = await seriousViolations(p);
    assert.deepEqual(violations, [], `${screen}: ${JSON.stringify(violations, null, 1)}`);
    assert.deepEqual(problems, [], `${screen}: nothing in the browser console`);
  };
  const fitsWidth = async (p: Page, width: number) => {
    const scroll = await p.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(scroll <= width, `no horizontal scrolling of the page at ${width} px (scrollWidth ${scroll})`);
  };
  const hash = (p: Page) => p.evaluate(() => location.hash);
  const switcher = (p: Page) => p.getByRole('combobox', { name: 'Environment', exact: true });
  const flagLinks = (p: Page) => p.locator('table.flags tbody a').allInnerTexts();

  for (const width of WIDTHS) {
    describe(`at ${width} px`, () => {
      it('switches the environment from the library and the editor, through a URL that opens the same screen for someone else', async () => {
        const p = await open(width);
        await signIn(p, product.consoleUrl, product.adminKey);
        await p.getByRole('link', { name: 'holiday-theme' }).waitFor();
        await switcher(p).selectOption('staging');
        await p.getByRole('heading', { name: 'Flags in staging' }).waitFor();
        assert.equal(await hash(p), '#/staging/flags');
        await p.getByRole('link', { name: 'dark-mode' }).waitFor();
        const shown = await flagLinks(p);
        assert.ok(shown.includes('staging-only') && !shown.includes('holiday-theme'), `staging's flags, not development's: ${shown.join(', ')}`);
        await clean(p, 'library in staging');

        await p.getByRole('link', { name: 'dark-mode' }).click();
        await p.getByRole('heading', { name: /dark-mode/ }).waitFor();
        assert.equal(await hash(p), '#/staging/flags/dark-mode');
        assert.equal(await switcher(p).inputValue(), 'staging', 'the switcher is on the editor too');
        await switcher(p).selectOption('development');
        await p.waitForFunction(() => location.hash === '#/development/flags/dark-mode');
        await p.getByRole('heading', { name: /dark-mode/ }).waitFor();
        await p.goBack();
        await p.waitForFunction(() => location.hash === '#/staging/flags/dark-mode');
        assert.equal(await switcher(p).inputValue(), 'staging', 'back returns to the environment before');
        await fitsWidth(p, width);
        await clean(p, 'editor in staging');

        // The link, opened in a new tab (its own session: the key is kept per tab), is the same
        // screen once signed in.
        const other = await context!.newPage();
        other.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
        await other.goto(`${product.consoleUrl}#/staging/flags/staging-only`);
        await other.getByLabel('Admin key').fill(product.adminKey);
        await other.getByRole('button', { name: 'Sign in' }).click();
        await other.getByRole('heading', { name: /staging-only/ }).waitFor();
        assert.equal(await switcher(other).inputValue(), 'staging');
        assert.deepEqual(problems, []);
      });

      it('compares one flag across the environments and promotes it only after a review of the changes in words', async () => {
        const key = `promo-${width}`;
        assert.equal((await putFlag('development', promoted(key, false, []), 0)).status, 201);
        assert.equal((await copy([key], 'staging')).body.succeeded, 1);
        // Development moves on: turned on, with a rule staging does not have yet.
        assert.equal((await putFlag('development', promoted(key, true, [betaRule]), 1)).status, 200);

        const p = await open(width);
        await signIn(p, product.consoleUrl, product.adminKey);
        await p.goto(`${product.consoleUrl}#/development/flags/${key}`);
        await p.getByRole('link', { name: 'Compare environments' }).click();
        await p.getByRole('heading', { name: new RegExp(`${key}\\s+across environments`) }).waitFor();
        assert.equal(await hash(p), `#/development/compare/${key}`);
        const row = (env: string) => p.locator(`.compare [data-env="${env}"]`);
        await row('production').waitFor();
        assert.match(await row('development').innerText(), /Enabled[\s\S]*beta-testers: when targetingKey is one of ana, ben, serve on[\s\S]*Version 2/);
        assert.equal(await row('staging').getAttribute('data-differs'), 'true');
        assert.match(await row('staging').innerText(), /Disabled[\s\S]*No rules[\s\S]*Version 1/);
        assert.match(await row('production').innerText(), new RegExp(`No flag ${key} in production`));
        await fitsWidth(p, width);
        await clean(p, 'compare');

        // A target without the flag: the review says it will be created; cancelled, nothing is written.
        await p.getByLabel(`Copy ${key} from development to`).selectOption('production');
        await p.getByRole('button', { name: 'Review changes' }).click();
        await p.getByText(`production has no flag ${key}: the copy creates it as it is in development.`).waitFor();
        await p.getByRole('button', { name: 'Cancel' }).click();
        assert.deepEqual((await api(`/environments/production/flags?q=${key}`)).body.items, [], 'nothing copied to production');

        await p.getByLabel(`Copy ${key} from development to`).selectOption('staging');
        await p.getByRole('button', { name: 'Review changes' }).click();
        const changes = p.locator('.promotion-changes li');
        await changes.first().waitFor();
        assert.deepEqual(await changes.allInnerTexts(), ['Turned on (rules decide)', 'Rule beta-testers added as rule 1: when targetingKey is one of ana, ben, serve on']);
        await clean(p, 'promotion review');
        await p.getByRole('button', { name: 'Copy to staging' }).click();
        await p.getByText(`Promoted ${key} from development to staging: now version 2 there`).waitFor();
        await p.waitForFunction(() => document.querySelector('.compare [data-env="staging"]')?.getAttribute('data-differs') === 'false');
        const stored = await api(`/environments/staging/flags/${key}`);
        assert.equal((stored.body.document as Json).enabled, true);
        assert.deepEqual(((stored.body.document as Json).rules as Json[]).map((r) => r.id), ['beta-testers']);
        await clean(p, 'after the promotion');
      });

      it('never shows the list of an environment left behind, however late its answer comes', async () => {
        const p = await open(width);
        await signIn(p, product.consoleUrl, product.adminKey);
        await p.getByRole('link', { name: 'holiday-theme' }).waitFor();
        await switcher(p).selectOption('staging');
        await p.getByRole('heading', { name: 'Flags in staging' }).waitFor();
        await p.getByRole('link', { name: 'dark-mode' }).waitFor();
        // Development's list is held back by the network until production's has been shown.
        let held: Route | undefined;
        const heldArrived = new Promise<void>((resolve) => {
          void p.route(/\/admin\/v1\/environments\/development\/flags$/, (route) => {
            held = route;
            resolve();
          });
        });
        const aborted = p.waitForEvent('requestfailed', (r) => /\/environments\/development\/flags$/.test(r.url()));
        await switcher(p).selectOption('development');
        await heldArrived;
        await switcher(p).selectOption('production');
        await p.getByText('No flags in production yet.').waitFor();
        assert.match((await aborted).failure()?.errorText ?? '', /ABORTED/, 'the request for the list left behind is cancelled');
        // Its answer, let through now, finds nobody waiting for it.
        await held!.continue().catch(() => undefined);
        await p.unroute(/\/admin\/v1\/environments\/development\/flags$/);
        await p.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
        assert.equal(await p.locator('table.flags tbody tr').count(), 0, 'no flag listed under the heading of production');
        assert.equal(await p.getByRole('heading', { name: 'Flags in production' }).count(), 1);
        assert.equal(await hash(p), '#/production/flags');
        await clean(p, 'library in production');
      });
    });
  }
});
