// `npm run bench:console`: the console's render budgets (DESIGN.md section 6) in headless
// Chromium against the local product: the first render of the sign-in screen, a component
// re-render (a rule added in the editor), validation feedback (a keystroke to the error beside its
// field) and a preview of 1,000 generated users (a click to the first page of results). Each is
// timed inside the page, from the event to the first animation frame after the DOM shows the
// answer, over fresh pages. Prints JSON; asserts nothing.

import type { Browser, Page } from 'playwright-core';
import { launchChromium, signIn } from '../../test/e2e/helpers/browser.ts';
import { startLocalProduct } from '../../test/e2e/helpers/local-product.ts';

const ROUNDS = Number(process.env.ROUNDS ?? 7);
const BUDGETS_MS = { firstRender: 500, componentRerender: 200, validationFeedback: 100, preview1000: 200 };

type Timings = Record<keyof typeof BUDGETS_MS, number[]>;

/**
 * Arms a timer in the page: it starts at the next `event` on `document` (capture) and stops at the
 * first animation frame after every one of `selectors` matches.
 */
async function arm(page: Page, event: string, ...selectors: string[]): Promise<void> {
  await page.evaluate(
    ({ event, selectors }) => {
      const w = window as unknown as { started?: number; shown?: Promise<number> };
      w.started = undefined;
      document.addEventListener(event, () => (w.started ??= performance.now()), { capture: true, once: true });
      w.shown = new Promise((resolve) => {
        const observer = new MutationObserver(() => {
          if (w.started === undefined || !selectors.every((s) => document.querySelector(s))) return;
          observer.disconnect();
          requestAnimationFrame(() => resolve(performance.now() - w.started!));
        });
        observer.observe(document.body, { childList: true, subtree: true, attributes: true });
      });
    },
    { event, selectors },
  );
}

const elapsed = (page: Page) => page.evaluate(() => (window as unknown as { shown: Promise<number> }).shown);

async function round(browser: Browser, url: string, adminKey: string, timings: Timings, n: number): Promise<void> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(url);
  await page.getByLabel('Admin key').waitFor();
  timings.firstRender.push(await page.evaluate(() => performance.getEntriesByName('console-rendered')[0]?.startTime ?? Number.NaN));
  await signIn(page, url, adminKey);

  // A component re-render: one more rule in the editor of a draft.
  await page.getByRole('button', { name: 'New flag' }).click();
  await page.getByRole('textbox', { name: 'Key', exact: true }).fill(`bench-${n}`);
  await page.getByRole('button', { name: 'Create draft' }).click();
  await page.getByRole('heading', { name: new RegExp(`bench-${n}`) }).waitFor();
  await page.getByRole('button', { name: '+ Add rule' }).click();
  await page.locator('#node-0-root-attr').waitFor();
  await arm(page, 'click', '#node-1-root-attr');
  await page.getByRole('button', { name: '+ Add rule' }).click();
  timings.componentRerender.push(await elapsed(page));

  // Validation feedback: the keystroke that makes a version invalid, to its error at the field.
  await page.locator('#node-0-root-attr').fill('appVersion');
  await page.locator('#node-0-root-op').selectOption('semver_gte');
  await page.locator('#node-0-root-value').fill('1.0.0');
  await page.locator('[data-validation="valid"]').waitFor();
  await arm(page, 'input', '[data-error-path="/rules/0/when/value"]');
  await page.locator('#node-0-root-value').press('x');
  timings.validationFeedback.push(await elapsed(page));

  // Preview of 1,000 generated users on a stored flag (the session outlives the reload).
  await page.goto(url);
  await page.getByRole('link', { name: 'new-checkout' }).click();
  await page.getByRole('tab', { name: 'Preview' }).click();
  await page.locator('#generate-users').waitFor();
  await arm(page, 'click', '[data-preview-users="1000"]', 'table.results tbody tr');
  await page.locator('#generate-users').click();
  await page.locator('[data-preview-users="1000"]').waitFor();
  timings.preview1000.push(await elapsed(page));
  await context.close();
}

const stats = (xs: readonly number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return { p50: Math.round(sorted[Math.floor(sorted.length / 2)]!), max: Math.round(sorted[sorted.length - 1]!), runs: sorted.map(Math.round) };
};

const [product, browser] = await Promise.all([startLocalProduct(), launchChromium()]);
try {
  const timings: Timings = { firstRender: [], componentRerender: [], validationFeedback: [], preview1000: [] };
  // One round unmeasured, so the first figures are not Chromium's own warm-up.
  await round(browser, product.consoleUrl, product.adminKey, { firstRender: [], componentRerender: [], validationFeedback: [], preview1000: [] }, 0);
  for (let n = 1; n <= ROUNDS; n++) await round(browser, product.consoleUrl, product.adminKey, timings, n);
  const figures = Object.fromEntries(Object.entries(timings).map(([name, xs]) => [name, { ...stats(xs), budgetMs: BUDGETS_MS[name as keyof Timings] }]));
  console.log(JSON.stringify({ node: process.version, rounds: ROUNDS, jsGzipBytes: product.build?.jsGzipBytes, figures }, null, 2));
} finally {
  await browser.close();
  await product.stop();
}
