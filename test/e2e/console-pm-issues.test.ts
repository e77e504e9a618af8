// The product managers' issue about the console (i16), as specifications: each behaviour in
// headless chromium at desktop width and at 390 px, axe (WCAG 2.1 AA) with no serious or
// critical violation on the screens touched, and no error in the browser's console (which
// includes any refused request: a 4xx or 5xx answer is logged there as an error).

import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, screenshotOnFailure, seriousViolations, signIn } from './helpers/browser.ts';
import { openConsolePage } from './helpers/console-page.ts';
import { startLocalProduct, type LocalProduct } from './helpers/local-product.ts';

type Json = Record<string, unknown>;
const WIDTHS = [1280, 390] as const;

/** A flag with four distinct warnings: mixed variant types, an unreachable rule, a contradictory condition, an unused variant. */
const warned = (key: string) => ({
  key, enabled: true, variants: { on: true, off: false, mid: 1 }, offVariant: 'off', defaultVariant: 'off',
  rules: [{ id: 'all', serve: { variant: 'on' } }, { id: 'eu', when: { all: [{ attr: 'plan', op: 'eq', value: 'pro' }, { attr: 'plan', op: 'eq', value: 'free' }] }, serve: { variant: 'on' } }],
});

describe('the console, as the product managers asked (i16)', function () {
  this.timeout(60000);
  let product: LocalProduct;
  let browser: Browser;
  let context: BrowserContext | undefined;
  let page: Page | undefined;
  let problems: string[] = [];

  before(async () => {
    [product, browser] = await Promise.all([startLocalProduct(), launchChromium()]);
  });
  after(async () => {
    await browser?.close();
    await product?.stop();
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await screenshotOnFailure(page, this.currentTest.fullTitle());
    await context?.close();
  });

  const api = async (path: string, init: RequestInit = {}, key = product.adminKey) => {
    const response = await fetch(`${product.url}/admin/v1${path}`, { ...init, headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json', ...(init.headers ?? {}) } });
    return { status: response.status, body: (await response.json()) as Json };
  };
  const putFlag = (flag: Json) => api(`/environments/development/flags/${flag.key as string}`, { method: 'PUT', headers: { 'If-Match': '0' }, body: JSON.stringify({ flag }) });
  const open = async (width: number) => {
    ({ context, page, problems } = await openConsolePage(browser, width, { timezoneId: 'America/New_York', acceptDialogs: true }));
    return page;
  };
  /** axe finds nothing serious, and the browser console holds nothing but the refusals a test expects. */
  const clean = async (p: Page, screen: string, expected: readonly RegExp[] = []) => {
    const violations = await seriousViolations(p);
    assert.deepEqual(violations, [], `${screen}: ${JSON.stringify(violations, null, 1)}`);
    const unexpected = problems.filter((x) => !expected.some((re) => re.test(x)));
    assert.deepEqual(unexpected, [], `${screen}: nothing else in the browser console`);
  };
  const adminKeyWithRole = async (role: 'viewer' | 'editor', name: string) => {
    const created = await api('/keys', { method: 'POST', body: JSON.stringify({ kind: 'admin', role, name }) });
    assert.equal(created.status, 201);
    return created.body.secret as string;
  };
  const signInWith = async (p: Page, key: string) => {
    await p.goto(product.consoleUrl);
    await p.getByLabel('Admin key').fill(key);
    await p.getByRole('button', { name: 'Sign in' }).click();
  };
  /** Words a person should not have to read: headers, endpoints, status lines. */
  const TECHNICAL = /Authorization|Bearer|X-API-Key|endpoint|\/v1\/|HTTP|\b40[13]\b/;
  const fitsWidth = async (p: Page, width: number) => {
    const scroll = await p.evaluate(() => document.documentElement.scrollWidth);
    // On failure, name the outermost elements that stick out.
    const wide = scroll <= width ? [] : await p.evaluate((w) => [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > w + 0.5 && !(e.parentElement && e.parentElement.getBoundingClientRect().right > w + 0.5)).slice(0, 5).map((e) => `${e.tagName.toLowerCase()}.${e.className}`), width);
    assert.ok(scroll <= width, `no horizontal scrolling of the page at ${width} px (scrollWidth ${scroll}: ${wide.join(', ')})`);
  };
  /** The focus lands (a frame after the click) on the element the predicate picks. */
  const focusOn = (p: Page, isIt: (e: Element) => boolean) =>
    p.waitForFunction(`(${isIt.toString()})(document.activeElement ?? document.body)`, undefined, { timeout: 5000 });
  const openFlag = async (p: Page, key: string) => {
    await signIn(p, product.consoleUrl, product.adminKey);
    await p.goto(`${product.consoleUrl}#/flags/${key}`);
    await p.getByRole('heading', { name: new RegExp(key) }).waitFor();
  };

  for (const width of WIDTHS) {
    describe(`at ${width} px`, () => {
      describe('warnings', () => {
        it('lists a blank flag\'s one warning once, under its count, and a click goes to its field', async () => {
          const p = await open(width);
          await signIn(p, product.consoleUrl, product.adminKey);
          await p.getByRole('button', { name: 'New flag' }).click();
          await p.getByRole('textbox', { name: 'Key', exact: true }).fill(`blank-${width}`);
          await p.getByRole('button', { name: 'Create draft' }).click();
          // Both validate and analyze report the unused variant: it is counted and listed once.
          await p.locator('[data-analysis="current"]').waitFor();
          const summary = p.locator('[data-warning-count]');
          assert.equal(await summary.innerText(), '1 warning');
          assert.deepEqual(await p.locator('[data-warning-path]').evaluateAll((els) => els.map((e) => e.getAttribute('data-warning-path'))), ['/variants/on']);
          await p.getByRole('button', { name: 'Variant on', exact: true }).click();
          await focusOn(p, (e) => (e as HTMLInputElement).value === 'on' && e.id.startsWith('variant-'));
          await fitsWidth(p, width);
          await clean(p, 'editor with a warning');
        });

        it('counts what it lists: four warnings of a flag and its rules, each a link to its field', async () => {
          const key = `warned-${width}`;
          assert.equal((await putFlag(warned(key))).status, 201);
          const p = await open(width);
          await openFlag(p, key);
          await p.locator('[data-analysis="current"]').waitFor();
          assert.equal(await p.locator('[data-warning-count]').innerText(), '4 warnings');
          const paths = await p.locator('[data-warning-path]').evaluateAll((els) => els.map((e) => e.getAttribute('data-warning-path')));
          assert.deepEqual([...paths].sort(), ['/rules/1', '/rules/1/when', '/variants', '/variants/mid']);
          await p.getByRole('button', { name: 'Rule 2 (eu), condition' }).click();
          await focusOn(p, (e) => e.getAttribute('data-path') === '/rules/1/when');
          await p.getByRole('button', { name: 'Rule 2 (eu)', exact: true }).click();
          await focusOn(p, (e) => e.id === 'rule-1');
          await p.getByRole('button', { name: 'Variant mid', exact: true }).click();
          await focusOn(p, (e) => (e as HTMLInputElement).value === 'mid' && e.id.startsWith('variant-'));
          // From another tab, a click comes back to the Rules tab and the field.
          await p.getByRole('tab', { name: 'JSON' }).click();
          await p.getByRole('button', { name: 'Flag variants' }).click();
          await focusOn(p, (e) => e.id === 'flag-variants');
          await fitsWidth(p, width);
          await clean(p, 'editor with four warnings');
        });
      });

      describe('history', () => {
        it('describes a weight change in words, with the JSON a click away', async () => {
          const key = `split-${width}`;
          const flag = (on: number) => ({ key, enabled: true, variants: { on: true, off: false }, offVariant: 'off', defaultVariant: 'off',
            rules: [{ id: 'eu-launch', when: { attr: 'geo.country', op: 'in', value: ['DE', 'FR'] }, serve: { rollout: { split: [{ variant: 'on', weight: on }, { variant: 'off', weight: 100 - on }] } } }] });
          assert.equal((await putFlag(flag(25))).status, 201);
          assert.equal((await api(`/environments/development/flags/${key}`, { method: 'PUT', headers: { 'If-Match': '1' }, body: JSON.stringify({ flag: flag(30), comment: 'ramp up' }) })).status, 200);
          const p = await open(width);
          await openFlag(p, key);
          await p.getByRole('tab', { name: 'History' }).click();
          await p.getByRole('heading', { name: 'Changes from version 1 to 2' }).waitFor();
          const change = p.locator('.diff li.change', { hasText: 'Rule eu-launch: on 25% -> 30%' });
          assert.equal(await change.locator('.words').innerText(), 'Rule eu-launch: on 25% -> 30%, off 75% -> 70%');
          const pointer = change.getByText('/rules/0/serve/rollout/split/0/weight');
          assert.equal(await pointer.isVisible(), false, 'the JSON waits behind its disclosure');
          await change.locator('summary', { hasText: 'JSON' }).click();
          await pointer.waitFor();
          await fitsWidth(p, width);
          await clean(p, 'history');
        });
      });

      describe('roles', () => {
        it('explains a refused sign-in in plain words, without headers or endpoints', async () => {
          const p = await open(width);
          await signInWith(p, 'not-a-key-at-all');
          const error = p.locator('#sign-in-error');
          await error.waitFor();
          assert.match(await error.innerText(), /not accepted/);
          assert.doesNotMatch(await error.innerText(), TECHNICAL);
          await signInWith(p, product.sdkKey);
          await error.getByText(/key for apps/).waitFor();
          assert.doesNotMatch(await error.innerText(), TECHNICAL);
          await fitsWidth(p, width);
          await clean(p, 'sign-in refused', [/^console: Failed to load resource: the server responded with a status of 40[13]/, /^40[13] GET .*\/admin\/v1\/whoami$/]);
        });

        it('gives a viewer key the read-only console from sign-in on, and after a reload', async () => {
          const viewer = await adminKeyWithRole('viewer', `pm viewer ${width}`);
          const p = await open(width);
          await signInWith(p, viewer);
          await p.getByRole('link', { name: 'dark-mode' }).click();
          // The role is known at sign-in (GET /v1/whoami): no edit is offered, so none is refused.
          await p.getByRole('note').getByText('Read only.').waitFor();
          assert.equal(await p.getByRole('button', { name: 'Save' }).count(), 0);
          assert.ok(await p.getByLabel('Name').isDisabled());
          await p.reload();
          await p.getByRole('heading', { name: /dark-mode/ }).waitFor();
          await p.getByRole('note').getByText('Read only.').waitFor();
          assert.ok(await p.getByLabel('Name').isDisabled());
          await p.getByRole('tab', { name: 'History' }).click();
          await p.getByRole('heading', { name: 'Versions' }).waitFor();
          assert.equal(await p.getByRole('button', { name: /Roll back/ }).count(), 0);
          await fitsWidth(p, width);
          await clean(p, 'history, read only');
          await p.getByRole('link', { name: 'Back to the flags' }).click();
          await p.getByRole('link', { name: 'new-checkout' }).waitFor();
          assert.equal(await p.getByRole('button', { name: 'New flag' }).count(), 0);
          assert.equal(await p.getByRole('group', { name: 'Bulk actions on selected flags' }).count(), 0);
          assert.equal(await p.getByRole('checkbox').count(), 0);
          await p.getByRole('button', { name: 'Export JSON' }).waitFor();
          await clean(p, 'library, read only');
        });

        it('keeps the editing console for an editor key', async () => {
          const editor = await adminKeyWithRole('editor', `pm editor ${width}`);
          const p = await open(width);
          await signInWith(p, editor);
          await p.getByRole('link', { name: 'holiday-theme' }).click();
          await p.getByLabel('Name').fill(`Edited by an editor at ${width}`);
          await p.getByRole('button', { name: 'Save' }).click();
          await p.getByRole('heading', { name: /version \d+/ }).getByText(/version [2-9]/).waitFor();
          assert.equal(await p.getByRole('note').count(), 0);
          await clean(p, 'editor key');
        });
      });

      describe('small things', () => {
        it('lets a saved toast go by itself, names the time zone of every date, and loads no missing favicon', async () => {
          const p = await open(width);
          await signIn(p, product.consoleUrl, product.adminKey);
          assert.ok(await p.locator('link[rel="icon"]').count(), 'the page names its icon (no /favicon.ico request)');
          if (width > 600) assert.match(await p.locator('table.flags time').first().innerText(), /\b(EST|EDT)\b/);
          else assert.match((await p.locator('table.flags time').first().getAttribute('datetime')) ?? '', /Z$/);
          await p.goto(`${product.consoleUrl}#/flags/dark-mode`);
          await p.getByLabel('Name').fill(`Dark mode at ${width}`);
          await p.getByRole('button', { name: 'Save' }).click();
          const toast = p.locator('.status', { hasText: 'Saved dark-mode' });
          await toast.waitFor();
          await toast.waitFor({ state: 'hidden', timeout: 10000 });
          await p.getByRole('tab', { name: 'History' }).click();
          assert.match(await p.locator('.history time').first().innerText(), /\b(EST|EDT)\b/);
          await clean(p, 'history');
          // A date in a condition names the zone its picker is in.
          await p.getByRole('tab', { name: 'Rules' }).click();
          await p.getByRole('button', { name: '+ Add rule' }).click();
          const rule = p.locator('.rule').last();
          await rule.locator('input[id$="-root-attr"]').fill('signupDate');
          await rule.locator('select[id$="-root-op"]').selectOption('after');
          assert.match(await rule.locator('.date-input [data-zone]').innerText(), /^(EST|EDT)$/);
          await fitsWidth(p, width);
          await clean(p, 'a date condition');
        });

        it('greys out a Delete that cannot act, and says so when a search finds nothing', async () => {
          const p = await open(width);
          await signIn(p, product.consoleUrl, product.adminKey);
          const del = p.getByRole('button', { name: 'Delete', exact: true });
          const enable = p.getByRole('button', { name: 'Enable', exact: true });
          assert.ok(await del.isDisabled());
          const colour = (l: typeof del) => l.evaluate((e) => getComputedStyle(e).color);
          assert.equal(await colour(del), await colour(enable), 'a disabled Delete looks like the other disabled buttons');
          await p.getByRole('searchbox', { name: 'Search' }).fill('no-such-flag-anywhere');
          await p.getByText('No flags match "no-such-flag-anywhere" with the filters chosen.').waitFor();
          await fitsWidth(p, width);
          await clean(p, 'library, empty search');
          await p.getByRole('button', { name: 'Clear search and filters' }).click();
          await p.getByRole('link', { name: 'new-checkout' }).waitFor();
        });

        it('keeps the Serve box inside its card and the JSON tab and the device table within the screen', async () => {
          const p = await open(width);
          await openFlag(p, 'new-checkout');
          const split = p.getByRole('radio', { name: 'a percentage split' }).first();
          await split.check();
          await p.getByLabel('Bucket by').first().waitFor();
          const inside = await p.locator('#rule-0').evaluate((card) => {
            const c = card.getBoundingClientRect();
            const s = card.querySelector('fieldset.serve')!.getBoundingClientRect();
            return s.left >= c.left && s.right <= c.right + 0.5;
          });
          assert.ok(inside, 'the Serve box stays inside its rule card');
          await fitsWidth(p, width);
          const jsonTab = await p.getByRole('tab', { name: 'JSON' }).boundingBox();
          assert.ok(jsonTab && jsonTab.x + jsonTab.width <= width, 'the JSON tab is whole on screen (tabs wrap instead of scrolling)');
          await p.getByRole('tab', { name: 'JSON' }).click();
          const pre = p.getByLabel('The draft as JSON');
          assert.ok(await pre.evaluate((e) => e.scrollWidth <= e.clientWidth), 'the JSON wraps instead of being clipped');
          await fitsWidth(p, width);
          await p.getByRole('tab', { name: 'Map & audiences' }).click();
          await p.locator('table.matrix td', { hasNotText: '…' }).first().waitFor();
          const table = await p.locator('table.matrix').evaluate((t) => ({ right: t.getBoundingClientRect().right, wrap: t.parentElement!.clientWidth, width: t.scrollWidth }));
          assert.ok(table.right <= width && table.width <= table.wrap, `the device table fits (${JSON.stringify(table)})`);
          await fitsWidth(p, width);
          await clean(p, 'targeting');
        });

        it('asks for no conflicts, cost or device preview while the draft is invalid (no 422 in the console)', async () => {
          const p = await open(width);
          await openFlag(p, 'new-checkout');
          await p.locator('.badge.cost').first().waitFor();
          await p.getByRole('button', { name: '+ Add rule' }).click();
          const last = p.locator('.rule').last();
          await last.locator('input[id$="-root-attr"]').fill('appVersion');
          await last.locator('select[id$="-root-op"]').selectOption('semver_gte');
          await last.locator('input[id$="-root-value"]').fill('two');
          await p.locator('[data-validation="invalid"]').waitFor();
          await p.getByRole('tab', { name: 'Map & audiences' }).click();
          await p.locator('[data-matrix="waiting"]').waitFor();
          await p.getByRole('tab', { name: 'Rules' }).click();
          // Fixed, the draft is analysed again: the answer comes, and nothing before it was refused.
          const analysed = p.waitForResponse((r) => r.url().includes('/v1/rules/analyze') && r.status() === 200);
          await p.locator('.rule').last().locator('input[id$="-root-value"]').fill('2.0.0');
          await p.locator('[data-validation="valid"]').waitFor();
          await analysed;
          assert.deepEqual(problems, []);
        });
      });
    });
  }
});
