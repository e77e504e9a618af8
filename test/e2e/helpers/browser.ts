// Debian's chromium driven by playwright-core, axe-core injected into pages, and a screenshot of
// any test that fails (to a temporary folder, its path printed).

import { existsSync, mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
const require = createRequire(import.meta.url);

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: the browser tests need Debian's chromium. Install it with \`apt-get install -y chromium\` (npm test does so when run as root).`);
  }
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
}

export type AxeViolation = { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] };

/** WCAG 2.1 A and AA rules; returns the serious and critical violations. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => ({ target: n.target })) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

let shotDir: string | undefined;
export async function screenshotOnFailure(page: Page | undefined, title: string): Promise<void> {
  if (!page) return;
  shotDir ??= mkdtempSync(join(tmpdir(), 'switchyard-e2e-'));
  const file = join(shotDir, `${title.replace(/[^A-Za-z0-9]+/g, '-').slice(0, 80)}.png`);
  await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
  console.log(`      screenshot of the failure: ${file}`);
}

export async function signIn(page: Page, consoleUrl: string, adminKey: string): Promise<void> {
  await page.goto(consoleUrl);
  await page.getByLabel('Admin key').fill(adminKey);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: /Flags/ }).waitFor();
}

/** Native HTML5 drag and drop by mouse, in steps (Chromium starts a drag only after a move while pressed). */
export async function dragAndDrop(page: Page, source: string, target: string): Promise<void> {
  const from = await page.locator(source).boundingBox();
  if (!from) throw new Error(`nothing to drag at ${source}`);
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + 10, from.y + from.height / 2 + 10, { steps: 4 });
  // The target's place is read once the drag has begun, and approached in small steps.
  const to = await page.locator(target).boundingBox();
  if (!to) throw new Error(`nowhere to drop at ${target}`);
  await page.mouse.move(to.x + Math.min(20, to.width / 2), to.y + Math.min(8, to.height / 2), { steps: 10 });
  await page.mouse.move(to.x + Math.min(24, to.width / 2), to.y + Math.min(9, to.height / 2), { steps: 2 });
  await page.mouse.up();
}
