// The console's JavaScript stays within its budget (DESIGN.md section 7: 200 KB gzipped), built
// exactly as the deploy builds it.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildConsole } from '../../../scripts/build-console.ts';

const BUDGET_BYTES = 200 * 1024;

describe('the console bundle', () => {
  it('is under 200 KB of gzipped JavaScript', async function () {
    this.timeout(60000);
    const dir = mkdtempSync(join(tmpdir(), 'console-bundle-'));
    try {
      const build = await buildConsole(dir);
      assert.ok(build.jsGzipBytes < BUDGET_BYTES, `${build.jsGzipBytes} bytes gzipped`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
