// The terraform/ folder parsed once for all the Terraform tests (hcl2json is WASM; one parse per
// file keeps the suite fast), and the metric names the alerts and dashboards mention.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { declarations, locals, parseTfFiles, TERRAFORM_DIR, type Declared, type ParsedFile } from '../../../scripts/terraform/tf-files.ts';

export { TERRAFORM_DIR };
export const ROOT = join(TERRAFORM_DIR, '..');

let parsed: Promise<ParsedFile[]> | undefined;
export const terraformFiles = (): Promise<ParsedFile[]> => (parsed ??= parseTfFiles());

export async function declared(): Promise<Declared[]> {
  return declarations(await terraformFiles());
}

export async function terraformLocals(): Promise<Record<string, unknown>> {
  return locals(await terraformFiles());
}

export async function resourcesOf(type: string): Promise<Declared[]> {
  return (await declared()).filter((d) => d.kind === 'resource' && d.type === type);
}

/** Every `metric.type="..."` in a text (an alert filter, a dashboard), with `${local.metric_prefix}` resolved. */
export function metricTypesIn(text: string, metricPrefix: string): string[] {
  const found = [...text.matchAll(/metric\.type\s*=\s*\\?"([^"\\]+)\\?"/g)].map((m) => m[1]!);
  return found.map((t) => t.replace('${local.metric_prefix}', metricPrefix));
}

export function dashboardFiles(): string[] {
  return readdirSync(join(TERRAFORM_DIR, 'dashboards')).filter((f) => f.endsWith('.json')).sort();
}

export function readTerraformFile(...path: string[]): string {
  return readFileSync(join(TERRAFORM_DIR, ...path), 'utf8');
}

/** Every file under a folder, recursively, skipping Terraform's own working folders. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (e.name === '.terraform' || e.name === '.build') return [];
    const path = join(dir, e.name);
    return e.isDirectory() ? filesUnder(path) : [path];
  });
}
