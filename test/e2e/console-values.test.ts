// Targeting values checked against what their attribute can hold (i16 item 3), in headless
// Chromium at desktop width and at 390 px: each warning at its value with the value meant as a
// one-click fix that Undo takes back, a value checked as it is typed, countries offered by name,
// and values converted or cleared (and said so) when a condition's attribute changes.

import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { signIn } from './helpers/browser.ts';
import { assertClean, assertFitsWidth, consoleSuite, putNewFlag, type ConsolePage } from './helpers/console-page.ts';

const WIDTHS = [1280, 390] as const;

const mistaken = (key: string) => ({
  key, enabled: true, variants: { on: true, off: false }, offVariant: 'off', defaultVariant: 'off',
  rules: [
    { id: 'eu', when: { attr: 'geo.country', op: 'in', value: ['de', 'Germany', 'pro'] }, serve: { variant: 'on' } },
    { id: 'pros', when: { attr: 'plan', op: 'eq', value: 'pro' }, serve: { variant: 'on' } },
  ],
});

describe('targeting values checked against their attribute (i16)', function () {
  this.timeout(60000);

  let open: ConsolePage | undefined;
  const suite = consoleSuite(async (product) => {
    for (const width of WIDTHS) await putNewFlag(product.url, product.adminKey, mistaken(`values-${width}`));
  });

  const chips = (p: Page, rule: number) => p.locator(`#node-${rule}-root .chip`).evaluateAll((els) => els.map((e) => e.firstChild?.textContent));

  for (const width of WIDTHS) {
    describe(`at ${width} px`, () => {
      it('shows each value the attribute never holds at the value, fixes it in one click, and Undo takes the fix back', async () => {
        open = await suite.open(width);
        const p = open.page;
        await signIn(p, suite.product.consoleUrl, suite.product.adminKey);
        await p.goto(`${suite.product.consoleUrl}#/development/flags/values-${width}`);
        const warnings = p.locator('#node-0-root [data-value-warning]');
        await p.locator('[data-value-warning="/rules/0/when/value/2"]').waitFor();
        assert.deepEqual(await warnings.evaluateAll((els) => els.map((e) => e.getAttribute('data-value-warning'))), ['/rules/0/when/value/0', '/rules/0/when/value/1', '/rules/0/when/value/2']);
        assert.match(await warnings.nth(2).innerText(), /"pro" is not/);
        assert.equal(await warnings.nth(2).getByRole('button').count(), 0, 'nothing is close to "pro": no fix offered');
        // The list of warnings links to the value.
        await p.locator('[data-warning-path="/rules/0/when/value/1"] button').click();
        await p.waitForFunction(() => document.activeElement?.id === 'node-0-root-value');

        await p.getByRole('button', { name: 'Use DE instead of "de"' }).click();
        await p.waitForFunction(() => document.querySelectorAll('#node-0-root [data-value-warning]').length === 2);
        assert.deepEqual(await chips(p, 0), ['DE', 'Germany', 'pro']);
        await p.getByRole('button', { name: 'Use DE instead of "Germany"' }).click();
        await p.waitForFunction(() => document.querySelectorAll('#node-0-root [data-value-warning]').length === 1);
        assert.deepEqual(await chips(p, 0), ['DE', 'pro'], 'the list holds DE once');
        await p.getByRole('button', { name: 'Undo', exact: true }).click();
        assert.deepEqual(await chips(p, 0), ['DE', 'Germany', 'pro']);
        await assertFitsWidth(p, width);
        await assertClean(open, 'value warnings with fixes');
      });

      it('checks a value as it is typed, offers the countries by name, and converts or clears values when the attribute changes', async () => {
        open = await suite.open(width);
        const p = open.page;
        await signIn(p, suite.product.consoleUrl, suite.product.adminKey);
        await p.goto(`${suite.product.consoleUrl}#/development/flags/values-${width}`);
        await p.locator('[data-value-warning="/rules/0/when/value/2"]').waitFor();
        assert.equal(await p.locator('#node-0-root-value-options option[value="MT"]').getAttribute('value'), 'MT');
        assert.equal(await p.locator('#node-0-root-value-options option[value="MT"]').innerText(), 'Malta');

        // plan -> geo.country: "pro" is no country, so it goes, and the line says so.
        await p.locator('#node-1-root-attr').fill('geo.country');
        await p.getByRole('status').filter({ hasText: 'Values for geo.country: cleared pro, which it never holds.' }).waitFor();
        assert.equal(await p.locator('#node-1-root-value').inputValue(), '');

        await p.locator('#node-1-root-value').fill('fr');
        await p.getByRole('button', { name: 'Use FR instead of "fr"' }).click();
        await p.waitForFunction(() => (document.getElementById('node-1-root-value') as HTMLInputElement).value === 'FR');
        await p.locator('[data-value-warning^="/rules/1/"]').waitFor({ state: 'detached' });

        // geo.country -> plan: "FR" is no plan.
        await p.locator('#node-1-root-attr').fill('plan');
        await p.getByRole('status').filter({ hasText: 'Values for plan: cleared FR, which it never holds.' }).waitFor();
        await assertFitsWidth(p, width);
        await assertClean(open, 'values converted on a change of attribute');
      });
    });
  }
});
