// Regenerates the PNG screenshots of the console's main screens in this folder (1280x800), from
// the local product with its demo flags: `node functions/console/docs/take-screenshots.ts`.

import { statSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium, signIn } from '../../../test/e2e/helpers/browser.ts';
import { startLocalProduct } from '../../../test/e2e/helpers/local-product.ts';

const dir = new URL('.', import.meta.url).pathname;
const product = await startLocalProduct();
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const shot = async (name: string) => {
    const file = join(dir, `${name}.png`);
    await page.screenshot({ path: file });
    console.log(`${name}.png ${(statSync(file).size / 1024).toFixed(0)} KB`);
  };
  // Real evaluations first, rolled up by the aggregator, so the library's sparklines and the Usage tab have data.
  const evaluate = (context: Record<string, unknown>) => fetch(`${product.url}/evaluate/ofrep/v1/evaluate/flags/new-checkout`, { method: 'POST', headers: { Authorization: `Bearer ${product.sdkKey}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ context }) });
  for (let i = 0; i < 40; i++) await evaluate(i % 4 === 0 ? { targetingKey: `u${i}`, plan: 'pro', geo: { country: 'DE' } } : { targetingKey: `u${i}` });
  for (let tries = 0; tries < 20; tries++) {
    await new Promise((r) => setTimeout(r, 500));
    await fetch(`${product.url}/aggregate/run`, { method: 'POST', headers: { Authorization: `Bearer ${product.adminKey}` } });
    const usage = (await (await fetch(`${product.url}/admin/v1/environments/development/flags/new-checkout/usage`, { headers: { Authorization: `Bearer ${product.adminKey}` } })).json()) as { evaluations: number };
    if (usage.evaluations >= 40) break;
  }
  await signIn(page, product.consoleUrl, product.adminKey);
  await page.locator('.sparkline svg').first().waitFor();
  await shot('library');
  await page.getByRole('link', { name: 'beta-features' }).click();
  await page.locator('.badge.cost').first().waitFor();
  await page.locator('#rule-1').scrollIntoViewIfNeeded();
  await shot('rule-builder');
  await page.getByRole('tab', { name: 'Preview' }).click();
  await page.locator('#generate-users').click();
  await page.locator('[data-preview-users]').waitFor();
  await page.getByRole('button', { name: 'Why? Trace of user 1', exact: true }).click();
  await page.getByRole('heading', { name: /Why user 1/ }).waitFor();
  await page.locator('.trace').scrollIntoViewIfNeeded();
  await shot('preview');
  await page.getByRole('link', { name: 'Back to the flags' }).click();
  await page.getByRole('link', { name: 'new-checkout' }).click();
  await page.getByRole('tab', { name: 'Usage' }).click();
  await page.getByRole('button', { name: '1 h', exact: true }).click();
  await page.locator('figure.time-chart canvas').first().waitFor();
  await shot('usage');
  await page.getByRole('tab', { name: 'Map & audiences' }).click();
  await page.locator('.map').waitFor();
  await shot('map');
  const admin = (path: string, body: unknown, method = 'POST', ifMatch?: number) => fetch(`${product.url}/admin/v1${path}`, { method, headers: { Authorization: `Bearer ${product.adminKey}`, 'Content-Type': 'application/json', ...(ifMatch === undefined ? {} : { 'If-Match': String(ifMatch) }) }, body: JSON.stringify(body) });
  // A guarded release, started by a minute run, and a scheduled change beside it.
  await admin('/environments/development/flags/checkout-v2', { flag: { key: 'checkout-v2', enabled: true, variants: { treatment: true, control: false }, offVariant: 'control', defaultVariant: 'control', rules: [{ id: 'ramp', serve: { rollout: { split: [{ variant: 'treatment', weight: 0 }, { variant: 'control', weight: 100 }] } } }] } }, 'PUT', 0);
  await admin('/environments/development/flags/checkout-v2/releases', { ruleId: 'ramp', control: 'control', treatment: 'treatment', steps: [1, 5, 25, 50, 100].map((t) => ({ weights: { treatment: t, control: 100 - t }, minHoldMinutes: 10, minSample: 1000 })), guards: [{ id: 'errors', kind: 'rate', event: 'error', tolerance: 0.1 }] });
  await admin('/environments/development/flags/checkout-v2/schedules', { at: new Date(Date.now() + 7 * 86_400_000).toISOString(), change: { enabled: false }, comment: 'end of campaign' });
  await fetch(`${product.url}/aggregate/run`, { method: 'POST', headers: { Authorization: `Bearer ${product.adminKey}` } });
  await page.goto(`${product.consoleUrl}#/development/flags/checkout-v2`);
  await page.getByRole('tab', { name: 'Releases' }).click();
  await page.locator('.plan-view').waitFor();
  await shot('releases');
  // Compare: dark-mode copied to a new staging environment, then turned off in development.
  await admin('/environments', { key: 'staging' });
  await admin('/environments/development/flags:bulk', { action: 'copy', keys: ['dark-mode'], targetEnvironment: 'staging' });
  await admin('/environments/development/flags:bulk', { action: 'disable', keys: ['dark-mode'] });
  // A reload, so the console reads the list of environments again (staging is new).
  await page.goto(`${product.consoleUrl}#/development/compare/dark-mode`);
  await page.reload();
  await page.getByRole('button', { name: 'Review changes' }).click();
  await page.locator('.promotion').waitFor();
  await shot('compare');
  await page.goto(`${product.consoleUrl}#/development/flags/new-checkout`);
  await page.getByRole('tab', { name: 'Rules' }).waitFor();
  await page.setViewportSize({ width: 360, height: 740 });
  await page.getByRole('tab', { name: 'Rules' }).click();
  await page.locator('.badge.cost').first().waitFor();
  await shot('mobile-rules');
} finally {
  await browser.close();
  await product.stop();
}
