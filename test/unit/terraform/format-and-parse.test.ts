// terraform/ is formatted as `terraform fmt` wants and every .tf file parses. Terraform itself
// cannot validate offline (no provider download), so these and the schema check stand in for it.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { parse } from '@cdktf/hcl2json';
import { tfFileNames } from '../../../scripts/terraform/tf-files.ts';
import { TERRAFORM_DIR, terraformFiles } from './terraform-files.ts';

describe('terraform/ formatting and syntax', () => {
  it('passes terraform fmt -check -recursive', () => {
    const run = spawnSync('terraform', ['fmt', '-check', '-recursive', '-diff', TERRAFORM_DIR], { encoding: 'utf8', env: { ...process.env, CHECKPOINT_DISABLE: '1' } });
    if (run.error) assert.fail(`terraform is not on PATH (${run.error.message}); install Terraform 1.5 or later, as CI machines have it`);
    assert.equal(run.status, 0, `terraform fmt wants changes:\n${run.stdout}${run.stderr}`);
  });

  it('parses every .tf file', async () => {
    const files = await terraformFiles();
    assert.deepEqual(files.map((f) => f.file), tfFileNames());
    assert.ok(files.length >= 10, 'the deployment is spread over its .tf files');
  });

  it('reports a syntax error with its file and line', async () => {
    await assert.rejects(parse('broken.tf', 'resource "google_pubsub_topic" "t" {\n  name = \n}\n'), /broken\.tf:2/);
  });
});
