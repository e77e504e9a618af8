// Live flags in a real browser: Chromium loads a web app (on an origin of its own) that uses the
// OpenFeature web SDK and the OFREP web provider on their default options, against the local
// product. A change made through the admin API reaches the page's ConfigurationChanged handler
// through the change stream the bulk answer offered, and the client then evaluates the new value;
// a kill switch arrives the same way. The delay from the write's acknowledgement to the handler is
// printed (not asserted).

import assert from 'node:assert/strict';
import type { Browser, BrowserContext, ConsoleMessage, Page } from 'playwright-core';
import { launchChromium, screenshotOnFailure } from './helpers/browser.ts';
import { startLocalProduct, type LocalProduct } from './helpers/local-product.ts';
import { serveLivePage, type LivePage } from './helpers/live-page.ts';
import { onOffFlag, productApi, type ProductApi } from './helpers/product-api.ts';

type Seen = { at: number; flagsChanged: string[]; values: Record<string, boolean>; reasons: Record<string, string | undefined> };
type Live = { ready: boolean; changes: Seen[]; errors: string[]; values: () => Record<string, boolean> };
declare const live: Live;

const delays: Record<string, number> = {};

/** The page holds a client key, as a browser app must: its flags are marked visible to client keys. */
const browserFlag = (...args: Parameters<typeof onOffFlag>) => ({ ...onOffFlag(...args), clientVisible: true });

describe('live flags in a browser (OFREP web provider, default options)', function () {
  this.timeout(60000);
  let product: LocalProduct;
  let api: ProductApi;
  let site: LivePage;
  let browser: Browser;
  let context: BrowserContext | undefined;
  let page: Page | undefined;
  let consoleErrors: string[] = [];
  let requests: string[] = [];

  before(async () => {
    [product, site, browser] = await Promise.all([startLocalProduct({ console: false }), serveLivePage(), launchChromium()]);
    api = productApi(product);
  });
  after(async () => {
    await browser?.close();
    await site?.close();
    await product?.stop();
    console.log(`      change delays, admin write acknowledged -> ConfigurationChanged in the page (ms): ${JSON.stringify(delays)}`);
  });
  beforeEach(async () => {
    consoleErrors = [];
    requests = [];
    context = await browser.newContext();
    page = await context.newPage();
    page.on('request', (request) => void requests.push(request.url()));
    page.on('console', (message: ConsoleMessage) => {
      if (message.type() === 'error') consoleErrors.push(`${message.text()} (${message.location().url})`);
    });
    page.on('pageerror', (error) => consoleErrors.push(`uncaught: ${error.message}`));
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await screenshotOnFailure(page, this.currentTest.fullTitle());
    await context?.close();
  });

  /** Opens the app watching `flags` and waits until the provider is ready. */
  async function openApp(flags: string[]): Promise<Page> {
    const p = page!;
    await p.goto(site.url({ baseUrl: `${product.url}/evaluate`, key: product.clientKey, user: 'user-1', flags: flags.join(',') }));
    await p.waitForFunction(() => typeof live !== 'undefined' && live.ready, undefined, { timeout: 15000 });
    return p;
  }

  /** Writes the flag, then waits (bounded) for the page to be told of it; the delay from the acknowledgement. */
  async function changeAndWait(p: Page, flag: ReturnType<typeof browserFlag>, expected: boolean): Promise<{ seen: Seen; delayMs: number }> {
    const before = await p.evaluate(() => live.changes.length);
    const answer = await api.putFlag(flag, 'from the browser test');
    const acknowledged = Date.now();
    assert.ok(answer.status === 200 || answer.status === 201, `the write: ${answer.status} ${JSON.stringify(answer.body)}`);
    const handle = await p.waitForFunction(
      ({ n, key, value }) => live.changes.slice(n).find((c) => c.values[key] === value),
      { n: before, key: flag.key, value: expected },
      { timeout: 15000 },
    );
    const seen = (await handle.jsonValue()) as Seen;
    return { seen, delayMs: seen.at - acknowledged };
  }

  it('tells the page of a flag changed through the admin API, and the client evaluates the new value', async () => {
    const key = 'live-banner';
    await api.putFlag(browserFlag(key, true, 'off'));
    const p = await openApp([key]);
    assert.deepEqual(await p.evaluate(() => live.values()), { [key]: false });

    const { seen, delayMs } = await changeAndWait(p, browserFlag(key, true, 'on'), true);
    delays.change = delayMs;
    assert.deepEqual(seen.values, { [key]: true }, 'the value evaluated in the handler');
    assert.ok(seen.flagsChanged.includes(key), `flagsChanged names the flag: ${JSON.stringify(seen.flagsChanged)}`);
    assert.deepEqual(await p.evaluate(() => live.values()), { [key]: true }, 'and what the client evaluates afterwards');
    await p.getByText(`${key}: true`).waitFor({ timeout: 5000 });
    // It came by the change stream the bulk answer offered, and the re-fetch said which version it wanted.
    assert.ok(requests.some((url) => url.includes('/streams/v1/streams/changes?token=')), `the page opened the change stream: ${requests.join(' ')}`);
    assert.ok(requests.some((url) => url.includes('/ofrep/v1/evaluate/flags?') && url.includes('flagConfigEtag=')), `a re-fetch with flagConfigEtag: ${requests.join(' ')}`);
    assert.deepEqual(await p.evaluate(() => live.errors), []);
    assert.deepEqual(consoleErrors, []);
  });

  it('delivers a kill switch (enabled: false) to the page', async () => {
    const key = 'live-kill';
    await api.putFlag(browserFlag(key, true, 'on'));
    const p = await openApp([key]);
    assert.deepEqual(await p.evaluate(() => live.values()), { [key]: true });

    const { seen, delayMs } = await changeAndWait(p, browserFlag(key, false, 'on'), false);
    delays.killSwitch = delayMs;
    assert.deepEqual(seen.values, { [key]: false });
    assert.equal(seen.reasons[key], 'DISABLED');
    assert.deepEqual(await p.evaluate(() => live.values()), { [key]: false });

    // And a second change on the same open stream: the switch back on.
    const again = await changeAndWait(p, browserFlag(key, true, 'on'), true);
    delays.secondChange = again.delayMs;
    assert.deepEqual(await p.evaluate(() => live.errors), []);
    assert.deepEqual(consoleErrors, []);
  });
});
