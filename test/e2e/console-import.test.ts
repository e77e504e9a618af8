// Import that shows before it writes (i16 item 6), in headless Chromium at desktop width and at
// 390 px: choosing a file previews it (counts; each document added, changed with its diff in
// words, or unchanged); Cancel writes nothing; "Import N changes" writes, and documents equal to
// the stored ones keep their version; a preview gone stale (412) is said plainly and previewed again.

import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { signIn } from './helpers/browser.ts';
import { assertClean, assertFitsWidth, consoleSuite, putNewFlag, type ConsolePage } from './helpers/console-page.ts';

const WIDTHS = [1280, 390] as const;

const flag = (key: string, extra: Record<string, unknown> = {}) => ({ key, enabled: true, variants: { on: true, off: false }, offVariant: 'off', defaultVariant: 'off', ...extra });

describe('import with a preview before it writes (i16)', function () {
  this.timeout(60000);

  let open: ConsolePage | undefined;
  const suite = consoleSuite();

  const admin = async (path: string, init: RequestInit = {}) => {
    const response = await fetch(`${suite.product.url}/admin/v1${path}`, { ...init, headers: { Authorization: `Bearer ${suite.product.adminKey}`, 'Content-Type': 'application/json', ...(init.headers ?? {}) } });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const versionOf = async (env: string, key: string) => (await admin(`/environments/${env}/flags/${key}`)).body.version;
  const chooseFile = (p: Page, body: unknown) => p.locator('#import-file').setInputFiles({ name: 'flags.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(body)) });

  for (const width of WIDTHS) {
    describe(`at ${width} px`, () => {
      const env = `import-${width}`;
      const file = { flags: [flag('same'), flag('toggle', { enabled: true, description: 'now on' }), flag('brand-new')] };

      before(async () => {
        assert.equal((await admin('/environments', { method: 'POST', body: JSON.stringify({ key: env }) })).status, 201);
        await putNewFlag(suite.product.url, suite.product.adminKey, flag('same'), env);
        await putNewFlag(suite.product.url, suite.product.adminKey, flag('toggle', { enabled: false }), env);
      });

      it('previews what the file would change, and Cancel leaves everything as it was', async () => {
        open = await suite.open(width);
        const p = open.page;
        await signIn(p, suite.product.consoleUrl, suite.product.adminKey);
        await p.goto(`${suite.product.consoleUrl}#/${env}/flags`);
        await p.getByRole('link', { name: 'toggle' }).waitFor();
        await chooseFile(p, file);
        await p.getByRole('heading', { name: `Import flags.json into ${env}?` }).waitFor();
        assert.equal(await p.locator('[data-import-counts]').innerText(), '1 added, 1 changed, 1 unchanged');
        const toggle = p.locator('[data-import-change="changed"][data-key="toggle"]');
        const words = await toggle.locator('.words li').allInnerTexts();
        assert.ok(words.includes('Turned on (rules decide)'), words.join(' | '));
        assert.ok(words.some((w) => w.includes('now on')), words.join(' | '));
        await p.locator('[data-import-change="added"][data-key="brand-new"]').waitFor();
        await p.locator('.import-unchanged summary', { hasText: '1 unchanged (no new version)' }).click();
        await p.locator('[data-import-change="unchanged"][data-key="same"]').waitFor();
        await assertFitsWidth(p, width);
        await assertClean(open, 'import preview');

        await p.getByRole('button', { name: 'Cancel' }).click();
        await p.locator('.import-panel').waitFor({ state: 'detached' });
        assert.equal(await versionOf(env, 'toggle'), 1);
        assert.equal((await admin(`/environments/${env}/flags/brand-new`)).status, 404);
      });

      it('imports the changes only when asked, keeps the unchanged document\'s version, and previews again after a write in between', async () => {
        open = await suite.open(width);
        const p = open.page;
        await signIn(p, suite.product.consoleUrl, suite.product.adminKey);
        await p.goto(`${suite.product.consoleUrl}#/${env}/flags`);
        await p.getByRole('link', { name: 'toggle' }).waitFor();
        await chooseFile(p, file);
        const importButton = p.getByRole('button', { name: 'Import 2 changes' });
        await importButton.waitFor();
        // Someone saves in the meantime: the preview no longer says what the import would do.
        assert.equal((await admin(`/environments/${env}/flags/toggle`, { method: 'PUT', headers: { 'If-Match': '1' }, body: JSON.stringify({ flag: flag('toggle', { enabled: false, description: 'elsewhere' }) }) })).status, 200);
        await importButton.click();
        const stale = p.getByRole('alert').filter({ hasText: `${env} changed since this preview` });
        await stale.waitFor();
        assert.match(await stale.innerText(), /nothing was imported/);
        assert.equal(await versionOf(env, 'toggle'), 2);

        await p.getByRole('button', { name: 'Preview again' }).click();
        await p.locator('[data-import-change="changed"][data-key="toggle"] .words li', { hasText: 'elsewhere' }).waitFor();
        await p.getByRole('button', { name: 'Import 2 changes' }).click();
        await p.getByRole('heading', { name: 'Import done' }).waitFor();
        assert.match(await p.locator('.import-panel').innerText(), /2 documents written into .*; 1 unchanged kept their version/);
        assert.equal(await versionOf(env, 'toggle'), 3);
        assert.equal(await versionOf(env, 'same'), 1, 'an unchanged document gets no new version');
        await p.getByRole('link', { name: 'brand-new' }).waitFor();
        await assertFitsWidth(p, width);
        await assertClean(open, 'import done', [/^console: Failed to load resource: the server responded with a status of 412/, /^412 POST .*\/import$/]);
      });

      it('lists the golden tests an import would break, and imports anyway only with a reason', async () => {
        open = await suite.open(width);
        const p = open.page;
        await signIn(p, suite.product.consoleUrl, suite.product.adminKey);
        await p.goto(`${suite.product.consoleUrl}#/${env}/flags`);
        await p.getByRole('link', { name: 'toggle' }).waitFor();
        const broken = flag('golden', { tests: [{ name: 'pros get it', context: { targetingKey: 'a' }, expect: { variant: 'on' } }] });
        await chooseFile(p, { flags: [broken] });
        await p.getByRole('heading', { name: '1 golden test would fail' }).waitFor();
        assert.match(await p.locator('[data-golden-failure="/flags/0/tests/0"]').innerText(), /^flag golden, test 1 \(pros get it\): expected on, got off/);
        await p.getByRole('button', { name: 'Import 1 change anyway' }).click();
        await p.getByRole('alert').filter({ hasText: 'Say why the import goes ahead' }).waitFor();
        assert.equal((await admin(`/environments/${env}/flags/golden`)).status, 404, 'nothing written without a reason');
        await p.getByLabel('Why import anyway').fill('the test is being rewritten');
        await p.getByRole('button', { name: 'Import 1 change anyway' }).click();
        await p.getByRole('heading', { name: 'Import done' }).waitFor();
        const versions = await admin(`/environments/${env}/flags/golden/versions`);
        assert.equal((versions.body.versions as { comment?: string }[])[0]?.comment, 'the test is being rewritten');
        await assertFitsWidth(p, width);
        await assertClean(open, 'import with golden failures');
      });
    });
  }
});
