// The "Why?" of a previewed user drawn as the rules' own trees (i16 item 2), in headless chromium
// at desktop width and at 390 px: every clause shown as evaluated, skipped or not reached,
// operators in words, the segment expanded, the split with its bucket and ranges; axe (WCAG 2.1
// AA) with no serious or critical violation and nothing in the browser console.

import assert from 'node:assert/strict';
import { signIn } from './helpers/browser.ts';
import { assertClean, assertFitsWidth, consoleSuite, putNewFlag } from './helpers/console-page.ts';

const WIDTHS = [1280, 390] as const;

const explained = (key: string) => ({
  key, enabled: true, variants: { on: true, off: false }, offVariant: 'off', defaultVariant: 'off',
  rules: [
    { id: 'pros-in-eu', when: { all: [{ attr: 'plan', op: 'eq', value: 'pro' }, { attr: 'geo.country', op: 'in', value: ['DE', 'FR'] }] }, serve: { variant: 'on' } },
    { id: 'new-app', when: { all: [{ attr: 'appVersion', op: 'semver_gte', value: '3.0.0' }, { not: { segment: 'staff' } }] }, serve: { rollout: { by: 'targetingKey', salt: 'new-app', split: [{ variant: 'on', weight: 50 }, { variant: 'off', weight: 50 }] } } },
    { id: 'everyone-else', serve: { variant: 'off' } },
  ],
});

describe('the Why? of a previewed user as the rules\' trees (i16)', function () {
  this.timeout(60000);
  const suite = consoleSuite(async (product) => {
    for (const width of WIDTHS) await putNewFlag(product.url, product.adminKey, explained(`why-${width}`));
  });

  for (const width of WIDTHS) {
    it(`draws each rule's tree with every clause's outcome, the segment and the split, at ${width} px`, async () => {
      const opened = await suite.open(width);
      const p = opened.page;
      await signIn(p, suite.product.consoleUrl, suite.product.adminKey);
      await p.goto(`${suite.product.consoleUrl}#/development/flags/why-${width}`);
      await p.getByRole('tab', { name: 'Preview' }).click();
      await p.getByLabel(/Paste CSV/).fill('targetingKey,plan,geo.country,appVersion,email\nu1,free,DE,3.1.0,a@shop.test');
      await p.getByRole('button', { name: 'Preview these users' }).click();
      await p.getByRole('button', { name: 'Why? Trace of user 1', exact: true }).click();
      await p.getByRole('heading', { name: /Why user 1 got/ }).waitFor();

      const rule = (id: string) => p.locator(`.trace-rule[data-rule="${id}"]`);
      const nodes = (id: string) => rule(id).locator('.trace-node.clause').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-outcome')}: ${e.textContent}`));
      assert.match(await rule('pros-in-eu').locator('h3').innerText(), /Rule 1 \(pros-in-eu\): not matched/);
      // The AND was decided by the plan: the country was never read.
      assert.deepEqual(await nodes('pros-in-eu'), ['false: plan is pro ✗ false the user had free', 'skipped: geo.country is one of DE, FR – skipped (already decided)']);
      assert.match(await rule('new-app').locator('h3').innerText(), /Rule 2 \(new-app\): matched/);
      assert.deepEqual(await nodes('new-app'), ['true: appVersion version >= 3.0.0 ✓ true the user had 3.1.0', 'false: email ends with @acme.com ✗ false the user had a@shop.test']);
      assert.match(await rule('new-app').locator('.trace-node.segment').innerText(), /in segment staff/);
      assert.equal(await rule('new-app').locator('.trace-node.not').getAttribute('data-outcome'), 'true');
      // The split: the bucket and each variant's range, the chosen one marked.
      assert.match(await rule('new-app').locator('.split-trace').innerText(), /Bucketed by targetingKey = u1: bucket [\d.]+%/);
      assert.equal(await rule('new-app').locator('.split-trace tr.chosen').count(), 1);
      assert.match(await rule('everyone-else').locator('h3').innerText(), /not reached/);

      await assertClean(opened, 'the Why? trees');
      await assertFitsWidth(p, width);
    });
  }
});
