// Every resource and data block against the provider schema subset derived from
// @cdktf/provider-google 16.12.1 (hashicorp/google 6.50.0) by scripts/terraform/derive-schema.ts.

import assert from 'node:assert/strict';
import { parse } from '@cdktf/hcl2json';
import { checkAgainstSchema } from '../../../scripts/terraform/schema-check.ts';
import type { ProviderSchema } from '../../../scripts/terraform/schema-types.ts';
import { declarations, schemaKey, type HclBody } from '../../../scripts/terraform/tf-files.ts';
import { declared, readTerraformFile } from './terraform-files.ts';

const schema = JSON.parse(readTerraformFile('schema', 'google-6.50.json')) as ProviderSchema;

async function problemsOf(hcl: string): Promise<string[]> {
  return checkAgainstSchema(schema, declarations([{ file: 'planted.tf', body: (await parse('planted.tf', hcl)) as HclBody }]));
}

describe('terraform/ against the google 6.50 provider schema', () => {
  it('holds every resource and data type terraform/ uses, and no other', async () => {
    const used = new Set((await declared()).map(schemaKey));
    assert.deepEqual(Object.keys(schema.types).sort(), [...used].sort());
  });

  it('finds every argument and block known and every required one present', async () => {
    assert.deepEqual(checkAgainstSchema(schema, await declared()), []);
  });

  it('catches a misspelt resource type', async () => {
    assert.match((await problemsOf('resource "google_pubsub_topix" "t" {\n  name = "x"\n}\n')).join('\n'), /google_pubsub_topix\.t: type not in the provider schema/);
  });

  it('catches an unknown argument in a nested block', async () => {
    const hcl = 'resource "google_cloudfunctions2_function" "f" {\n  name     = "f"\n  location = "r"\n  build_config {\n    entrypoint = "f"\n  }\n}\n';
    assert.match((await problemsOf(hcl)).join('\n'), /build_config: unknown argument or block "entrypoint"/);
  });

  it('catches a missing required argument', async () => {
    assert.match((await problemsOf('resource "google_cloudfunctions2_function" "f" {\n  name = "f"\n}\n')).join('\n'), /required argument "location" missing/);
  });

  it('checks the content of dynamic blocks', async () => {
    const hcl = 'resource "google_cloudfunctions2_function" "f" {\n  name     = "f"\n  location = "r"\n  service_config {\n    dynamic "secret_env" {\n      for_each = []\n      content {\n        key = "K"\n      }\n    }\n  }\n}\n';
    assert.match((await problemsOf(hcl)).join('\n'), /unknown dynamic block "secret_env"/);
  });
});
