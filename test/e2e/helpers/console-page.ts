// A console page as the console's e2e specifications use it: a Chromium context at a width, the
// browser console and refused requests collected, and the checks every screen passes (axe with
// nothing serious, nothing unexpected in the browser console, no horizontal scrolling).

import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, screenshotOnFailure, seriousViolations } from './browser.ts';
import { startLocalProduct, type LocalProduct } from './local-product.ts';

export type ConsolePage = { readonly context: BrowserContext; readonly page: Page; readonly problems: string[] };

/** How a page differs from the default one: taller, another zone or motion preference, dialogs accepted. */
export type PageOptions = { readonly height?: number; readonly timezoneId?: string; readonly reducedMotion?: 'reduce' | 'no-preference'; readonly acceptDialogs?: boolean };

export async function openConsolePage(browser: Browser, width: number, options: PageOptions = {}): Promise<ConsolePage> {
  const { height = 800, acceptDialogs = false, ...more } = options;
  const context = await browser.newContext({ viewport: { width, height }, bypassCSP: true, locale: 'en-US', ...more });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`${r.status()} ${r.request().method()} ${r.url()}`); });
  if (acceptDialogs) page.on('dialog', (d) => void d.accept());
  return { context, page, problems };
}

/** axe finds nothing serious, and the browser console holds nothing but the refusals a test expects. */
export async function assertClean({ page, problems }: ConsolePage, screen: string, expected: readonly RegExp[] = []): Promise<void> {
  const violations = await seriousViolations(page);
  assert.deepEqual(violations, [], `${screen}: ${JSON.stringify(violations, null, 1)}`);
  const unexpected = problems.filter((x) => !expected.some((re) => re.test(x)));
  assert.deepEqual(unexpected, [], `${screen}: nothing else in the browser console`);
}

export async function assertFitsWidth(page: Page, width: number): Promise<void> {
  const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
  const wide = scroll <= width ? [] : await page.evaluate((w) => [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > w + 0.5 && !(e.parentElement && e.parentElement.getBoundingClientRect().right > w + 0.5)).slice(0, 5).map((e) => `${e.tagName.toLowerCase()}.${e.className}`), width);
  assert.ok(scroll <= width, `no horizontal scrolling of the page at ${width} px (scrollWidth ${scroll}: ${wide.join(', ')})`);
}

/** PUT of a new flag through the admin API. */
export async function putNewFlag(url: string, adminKey: string, flag: { key: string } & Record<string, unknown>, env = 'development'): Promise<void> {
  const response = await fetch(`${url}/admin/v1/environments/${env}/flags/${flag.key}`, { method: 'PUT', headers: { Authorization: `Bearer ${adminKey}`, 'Content-Type': 'application/json', 'If-Match': '0' }, body: JSON.stringify({ flag }) });
  assert.equal(response.status, 201, await response.text());
}

/**
 * The hooks every console suite has: the local product and Chromium started once before it (then
 * `setup`), stopped after it; the page a test opened closed after that test, its screenshot kept
 * when the test failed.
 */
export function consoleSuite(setup?: (product: LocalProduct) => Promise<void>) {
  let product: LocalProduct | undefined;
  let browser: Browser | undefined;
  let opened: ConsolePage | undefined;
  before(async () => {
    [product, browser] = await Promise.all([startLocalProduct(), launchChromium()]);
    await setup?.(product);
  });
  after(async () => {
    await browser?.close();
    await product?.stop();
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await screenshotOnFailure(opened?.page, this.currentTest.fullTitle());
    await opened?.context.close();
    opened = undefined;
  });
  return {
    get product(): LocalProduct {
      if (!product) throw new Error('the local product starts in the suite\'s before hook');
      return product;
    },
    /** A fresh page at `width`, closed after the test. */
    open: async (width: number, options?: PageOptions): Promise<ConsolePage> => (opened = await openConsolePage(browser!, width, options)),
  };
}
