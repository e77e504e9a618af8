// The countries map for every country (i16 item 8), in headless Chromium at desktop width and at
// 390 px: zoom and pan by buttons (keyboard too), wheel, drag and pinch, a drag that is no click;
// France without French Guiana, which is a country of its own; the searchable list of all 249
// countries beside the map selecting what the map selects, Malta and Singapore included as dots.

import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { signIn } from './helpers/browser.ts';
import { assertClean, assertFitsWidth, consoleSuite, putNewFlag, type ConsolePage } from './helpers/console-page.ts';

const WIDTHS = [1280, 390] as const;

const mapped = (key: string) => ({
  key, enabled: true, variants: { on: true, off: false }, offVariant: 'off', defaultVariant: 'off',
  rules: [{ id: 'launch', when: { attr: 'plan', op: 'eq', value: 'pro' }, serve: { variant: 'on' } }],
});

describe('the countries map for every country (i16)', function () {
  this.timeout(60000);

  let open: ConsolePage | undefined;
  const suite = consoleSuite(async (product) => {
    for (const width of WIDTHS) await putNewFlag(product.url, product.adminKey, mapped(`map-${width}`));
  });

  const openMap = async (width: number) => {
    open = await suite.open(width);
    const p = open.page;
    await signIn(p, suite.product.consoleUrl, suite.product.adminKey);
    await p.goto(`${suite.product.consoleUrl}#/development/flags/map-${width}`);
    await p.getByRole('tab', { name: 'Map & audiences' }).click();
    await p.locator('svg.map').waitFor();
    return p;
  };
  const checked = (p: Page, code: string) => p.locator(`[data-country="${code}"]`).getAttribute('aria-checked');
  const zoom = async (p: Page) => Number(await p.locator('svg.map').getAttribute('data-zoom'));
  const centre = (p: Page) => p.locator('svg.map').getAttribute('data-centre');

  for (const width of WIDTHS) {
    describe(`at ${width} px`, () => {
      it('selects metropolitan France without French Guiana, and French Guiana on its own', async () => {
        const p = await openMap(width);
        await p.locator('[data-country="FR"]').click();
        await p.getByText('geo.country is one of: FR').waitFor();
        assert.equal(await checked(p, 'FR'), 'true');
        assert.equal(await checked(p, 'GF'), 'false');
        assert.ok(await p.locator('[data-country-option="FR"]').isChecked(), 'the list follows the map');
        await p.locator('[data-country="GF"]').click();
        await p.getByText('geo.country is one of: FR, GF').waitFor();
        await assertFitsWidth(p, width);
        await assertClean(open!, 'map with France and French Guiana');
      });

      it('finds Malta and Singapore in the list, and shows them as dots on the map', async () => {
        const p = await openMap(width);
        assert.equal(await p.locator('[data-country-option]').count(), 249);
        await p.getByLabel('Find a country').fill('malta');
        assert.equal(await p.locator('[data-country-option]').count(), 1);
        await p.getByRole('checkbox', { name: 'Malta MT' }).check();
        await p.getByText('geo.country is one of: MT').waitFor();
        assert.equal(await checked(p, 'MT'), 'true', 'the dot on the map is selected too');
        await p.getByLabel('Find a country').fill('SG');
        await p.getByRole('checkbox', { name: 'Singapore SG' }).check();
        await p.getByText('geo.country is one of: MT, SG').waitFor();
        // The map is one Tab stop, entered at a chosen country; the arrow keys go through the
        // countries by name (Singapore, then Sint Maarten), and a dot toggles as a shape does.
        assert.equal(await p.locator('svg.map [tabindex="0"]').count(), 1);
        assert.equal(await p.locator('svg.map [tabindex="0"]').getAttribute('data-country'), 'MT');
        await p.locator('[data-country="SG"]').focus();
        await p.keyboard.press('ArrowRight');
        await p.waitForFunction(() => document.activeElement?.getAttribute('data-country') === 'SX');
        await p.keyboard.press('ArrowLeft');
        await p.keyboard.press('Enter');
        await p.getByText('geo.country is one of: MT').waitFor();
        await assertFitsWidth(p, width);
        await assertClean(open!, 'map with the country list searched');
      });

      it('zooms and pans by buttons and keyboard, wheel, drag and pinch, and a drag toggles nothing', async () => {
        const p = await openMap(width);
        assert.equal(await zoom(p), 1);
        await p.getByRole('button', { name: 'Zoom in' }).focus();
        await p.keyboard.press('Enter');
        await p.keyboard.press('Enter');
        const byButtons = await zoom(p);
        assert.ok(byButtons > 2, `zoomed in by the buttons (${byButtons})`);
        const before = await centre(p);
        await p.getByRole('button', { name: 'Move right' }).click();
        assert.notEqual(await centre(p), before, 'the buttons pan');

        const box = (await p.locator('svg.map').boundingBox())!;
        const [cx, cy] = [box.x + box.width / 2, box.y + box.height / 2];
        await p.mouse.move(cx, cy);
        await p.mouse.wheel(0, -300);
        await p.waitForFunction((z) => Number(document.querySelector('svg.map')?.getAttribute('data-zoom')) > z, byButtons);

        // A drag across countries moves the map and selects none of them.
        const beforeDrag = await centre(p);
        await p.mouse.move(cx, cy);
        await p.mouse.down();
        await p.mouse.move(cx - 60, cy - 30, { steps: 6 });
        await p.mouse.up();
        assert.notEqual(await centre(p), beforeDrag, 'the drag panned');
        assert.equal(await p.locator('.country.selected').count(), 0, 'the drag chose no country');

        // Two fingers moving apart zoom in.
        const beforePinch = await zoom(p);
        await p.evaluate(([x, y]) => {
          const map = document.querySelector('svg.map')!;
          const send = (type: string, pointerId: number, clientX: number) => map.dispatchEvent(new PointerEvent(type, { pointerId, clientX, clientY: y, bubbles: true, pointerType: 'touch' }));
          send('pointerdown', 11, x! - 20);
          send('pointerdown', 12, x! + 20);
          for (let d = 20; d <= 60; d += 10) send('pointermove', 12, x! + d);
          send('pointerup', 11, x! - 20);
          send('pointerup', 12, x! + 60);
        }, [cx, cy]);
        assert.ok((await zoom(p)) > beforePinch, 'the pinch zoomed in');

        await p.getByRole('button', { name: 'Whole world' }).click();
        assert.equal(await zoom(p), 1);
        await assertFitsWidth(p, width);
        await assertClean(open!, 'map zoomed and panned');
      });
    });
  }
});
