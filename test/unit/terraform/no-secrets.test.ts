// No secret value in terraform/: keys, tokens and private keys live in Secret Manager, added out of
// band (README.md), never in a .tf file, a dashboard or a runbook.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { TERRAFORM_DIR, filesUnder } from './terraform-files.ts';

const SECRET_SHAPES: readonly [string, RegExp][] = [
  ['Switchyard API key', /\bsy_(sdk|admin)_[A-Za-z0-9_-]{16,}/],
  ['Google API key', /\bAIza[0-9A-Za-z_-]{35}\b/],
  ['private key', /-----BEGIN [A-Z ]*PRIVATE KEY-----/],
  ['service account key file', /"private_key_id"\s*:/],
  ['Upstash REST token', /\bA[A-Za-z0-9_-]{2}[A-Za-z0-9]{20,}[A-Za-z0-9_=-]{20,}\b/],
  ['Upstash database URL', /https:\/\/[a-z0-9-]+\.upstash\.io/],
  ['secret version data', /\bsecret_data\s*=/],
  ['bearer token', /Bearer [A-Za-z0-9._-]{20,}/],
];

export function secretsIn(text: string): string[] {
  return SECRET_SHAPES.filter(([, shape]) => shape.test(text)).map(([name]) => name);
}

describe('terraform/ holds no secret', () => {
  it('recognises each secret shape', () => {
    const planted = [`sy_admin_${'x1'.repeat(16)}`, `AIza${'B'.repeat(35)}`, `-----BEGIN RSA ${'PRIVATE'} KEY-----`, '"private_key_id": "1"', `AXsA${'Qk9'.repeat(10)}${'abc'.repeat(8)}`, 'https://eu1-calm-fox-123.upstash.io', 'secret_data = var.x', `Bearer ${'t'.repeat(30)}`];
    for (const text of planted) assert.equal(secretsIn(text).length, 1, text);
  });

  it('finds none in any file under terraform/', () => {
    const found = filesUnder(TERRAFORM_DIR).flatMap((file) => secretsIn(readFileSync(file, 'utf8')).map((what) => `${relative(TERRAFORM_DIR, file)}: ${what}`));
    assert.deepEqual(found, []);
  });
});
