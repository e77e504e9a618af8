// The console's design pass (i16 item 11): what can be checked of "a finished look". The
// stylesheet keeps to its scales (every spacing a step of the 8 px grid, every font size a step of
// the type scale, every colour a variable); every screen passes axe (WCAG 2.1 AA, contrast
// included) at 1280 and 390 px without horizontal scrolling or console errors; contextual help
// opens by keyboard; and someone who asked for reduced motion gets no transitions or animations.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, screenshotOnFailure, seriousViolations, signIn } from './helpers/browser.ts';
import { openConsolePage } from './helpers/console-page.ts';
import { startLocalProduct, type LocalProduct } from './helpers/local-product.ts';

const css = readFileSync(new URL('../../functions/console/web/styles.css', import.meta.url), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
const rootBlock = /:root\s*\{([^}]*)\}/.exec(css)?.[1] ?? '';
const rules = css.replace(/:root\s*\{[^}]*\}/, '');
/** Every `property: value` of the stylesheet outside :root (nested @media blocks included). */
const declarations = [...rules.matchAll(/([a-z-]+)\s*:\s*([^;{}]+)(?=[;}])/g)].map((m) => ({ property: m[1]!, value: m[2]!.replace('!important', '').trim() }));
const SPACING = /^(?:margin|padding)(?:-(?:top|right|bottom|left|block|inline))?$|^(?:row-|column-)?gap$|^(?:top|right|bottom|left|inset)$/;
/** A spacing value is made of these only: zero, auto, a step of the scale, or one negated. */
const SPACING_TOKEN = /^(?:0|auto|var\(--space-[a-z0-9]+\)|calc\(-1 \* var\(--(?:space-[a-z0-9]+|line-width)\)\))$/;

describe('the console stylesheet keeps to its scales', () => {
  it('defines its spacing scale on an 8 px grid (with one 4 px half step)', () => {
    const steps = [...rootBlock.matchAll(/--space-([a-z0-9]+):\s*(\d+)px/g)].map((m) => Number(m[2]));
    assert.ok(steps.length >= 5, `a scale of several steps: ${steps.join(', ')}`);
    for (const px of steps) assert.ok(px % 8 === 0 || px === 4, `${px}px is on the 8 px grid`);
  });

  it('uses no margin, padding, gap or offset outside the scale', () => {
    const spacing = declarations.filter((d) => SPACING.test(d.property));
    assert.ok(spacing.length > 100, `the whole stylesheet is read (${spacing.length} spacing declarations)`);
    // calc(-1 * var(--x)) holds spaces: split on spaces that are not inside parentheses.
    const tokens = (value: string) => value.match(/calc\([^)]*\)\)|\S+/g) ?? [];
    const off = spacing.filter((d) => !tokens(d.value).every((t) => SPACING_TOKEN.test(t))).map((d) => `${d.property}: ${d.value}`);
    assert.deepEqual(off, []);
  });

  it('sizes text only with the type scale and colours only with variables', () => {
    const sizes = declarations.filter((d) => d.property === 'font-size' && !/^var\(--text-[a-z]+\)$/.test(d.value));
    assert.deepEqual(sizes.map((d) => d.value), []);
    assert.deepEqual(rules.match(/#[0-9a-f]{3,8}\b|rgba?\(|hsla?\(/gi) ?? [], [], 'colours are defined once, in :root');
  });

  it('draws the rule builder\'s condition icons with the strokes of the icons module', () => {
    const module = readFileSync(new URL('../../functions/console/web/ui/icons.tsx', import.meta.url), 'utf8');
    for (const kind of ['all', 'any', 'not', 'clause']) {
      const inModule = new RegExp(`^\\s+${kind}: '([^']+)'`, 'm').exec(module)?.[1];
      const inCss = new RegExp(`--icon-${kind}: url\\("data:image/svg\\+xml,[^"]*path d='([^']+)'`).exec(rootBlock)?.[1];
      assert.ok(inModule, kind);
      assert.equal(inCss, inModule, `--icon-${kind}`);
    }
  });

  it('turns every transition and animation off for reduced motion', () => {
    assert.match(css, /@media \(prefers-reduced-motion: reduce\)\s*\{\s*\*, ::before, ::after \{ transition: none !important; animation: none !important;/);
    const moving = /@media \(prefers-reduced-motion: no-preference\)\s*\{([\s\S]*?)\n\}/.exec(css)?.[1] ?? '';
    const outside = rules.replace(moving, '');
    assert.deepEqual(outside.match(/(?:^|[;{\s])(?:transition|animation)\s*:\s*(?!\s|none)[^;}]+/g) ?? [], [], 'motion is declared only under no-preference');
  });
});

describe('the console after its design pass, in a browser', function () {
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

  const open = async (width: number, reducedMotion: 'reduce' | 'no-preference' = 'no-preference') => {
    ({ context, page, problems } = await openConsolePage(browser, width, { reducedMotion }));
    return page;
  };
  const clean = async (p: Page, screen: string, width: number) => {
    assert.deepEqual(await seriousViolations(p), [], `${screen} at ${width} px: axe`);
    assert.deepEqual(problems, [], `${screen} at ${width} px: nothing in the browser console`);
    const scroll = await p.evaluate(() => document.documentElement.scrollWidth);
    const wide = scroll <= width ? [] : await p.evaluate((w) => [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > w + 0.5 && !(e.parentElement && e.parentElement.getBoundingClientRect().right > w + 0.5)).slice(0, 5).map((e) => `${e.tagName.toLowerCase()}.${e.className}`), width);
    assert.ok(scroll <= width, `${screen}: no horizontal scrolling at ${width} px (scrollWidth ${scroll}: ${wide.join(', ')})`);
  };

  for (const width of [1280, 390]) {
    it(`passes axe on every screen at ${width} px, help opened where there is some`, async () => {
      const p = await open(width);
      await p.goto(product.consoleUrl);
      await p.getByLabel('Admin key').waitFor();
      await clean(p, 'sign-in', width);
      await signIn(p, product.consoleUrl, product.adminKey);
      await p.getByRole('link', { name: 'beta-features' }).waitFor();
      await clean(p, 'library', width);
      await p.getByRole('button', { name: 'New flag' }).click();
      await p.getByRole('button', { name: 'Create draft' }).waitFor();
      await clean(p, 'new-flag dialog', width);
      await p.keyboard.press('Escape');

      await p.getByRole('link', { name: 'beta-features' }).click();
      await p.getByRole('tab', { name: 'Rules' }).waitFor();
      // Contextual help opens in place, by keyboard, and says what the field does.
      const help = p.locator('details.help', { has: p.getByText('What is client visibility?') });
      await help.locator('summary').focus();
      await p.keyboard.press('Enter');
      await help.getByText(/Only flags marked visible are sent to them/).waitFor();
      await clean(p, 'editor: rules, with help open', width);
      for (const tab of ['Preview', 'Usage', 'History', 'Map & audiences', 'JSON']) {
        await p.getByRole('tab', { name: tab }).click();
        await p.locator('[role=tabpanel]').waitFor();
        await clean(p, `editor: ${tab}`, width);
      }
      await p.goto(`${product.consoleUrl}#/development/compare/beta-features`);
      await p.getByRole('heading', { name: /beta-features/ }).first().waitFor();
      await clean(p, 'compare', width);
    });
  }

  it('explains the rollout\'s bucketing and salt next to their fields, and keeps the salt typed in the draft', async () => {
    const p = await open(1280);
    await signIn(p, product.consoleUrl, product.adminKey);
    await p.getByRole('link', { name: 'beta-features' }).click();
    for (const [topic, words] of [['bucket by', /same value always lands in the same variant/], ['salt', /Changing it reshuffles everyone/]] as const) {
      const help = p.locator('details.help', { has: p.getByText(`What is ${topic}?`) }).first();
      await help.locator('summary').click();
      await help.getByText(words).waitFor();
    }
    await clean(p, 'rollout help', 1280);
    // The salt the help explains is a field of the split: typed into the draft, removed when emptied.
    const rollouts = () => p.evaluate(() => ((JSON.parse(localStorage.getItem('switchyard.draft.development.beta-features') ?? 'null')?.flag.rules ?? []) as { serve: { rollout?: { salt?: string } } }[]).map((r) => r.serve.rollout).filter((r) => r !== undefined));
    const salt = p.getByLabel('Salt (optional)').first();
    await salt.fill('spring-2027');
    await p.waitForFunction(() => (localStorage.getItem('switchyard.draft.development.beta-features') ?? '').includes('spring-2027'));
    assert.equal((await rollouts())[0]?.salt, 'spring-2027');
    await salt.fill('');
    await p.waitForFunction(() => !(localStorage.getItem('switchyard.draft.development.beta-features') ?? '').includes('spring-2027'));
    assert.equal('salt' in ((await rollouts())[0] ?? {}), false);
  });

  it('draws the condition kinds\' icons under the console\'s own CSP', async () => {
    // No bypassCSP here: the icons are data: masks, which the console's img-src must allow.
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
    const refused: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error') refused.push(m.text()); });
    await signIn(page, product.consoleUrl, product.adminKey);
    await page.getByRole('link', { name: 'beta-features' }).click();
    await page.locator('.node.group > .group-head').first().waitFor();
    const masks = await page.evaluate(() => ['.node.group > .group-head', '.node.clause'].map((sel) => getComputedStyle(document.querySelector(sel)!, '::before').maskImage));
    for (const mask of masks) assert.match(mask, /^url\("data:image\/svg\+xml/);
    assert.deepEqual(refused, [], 'no CSP refusal in the console');
  });

  it('moves nothing for someone who asked for reduced motion, and eases state changes for everyone else', async () => {
    const durations = async (motion: 'reduce' | 'no-preference') => {
      const p = await open(1280, motion);
      await signIn(p, product.consoleUrl, product.adminKey);
      await p.getByRole('link', { name: 'beta-features' }).click();
      await p.getByRole('tab', { name: 'Rules' }).waitFor();
      const read = await p.evaluate(() => {
        const button = getComputedStyle(document.querySelector('button')!);
        const panel = getComputedStyle(document.querySelector('.panel')!);
        return { transition: button.transitionDuration, animation: panel.animationName };
      });
      await context?.close();
      return read;
    };
    const reduced = await durations('reduce');
    assert.deepEqual(reduced, { transition: '0s', animation: 'none' });
    const moving = await durations('no-preference');
    assert.notEqual(moving.transition.split(',')[0], '0s');
    assert.equal(moving.animation, 'slide-in');
  });
});
