// Writes terraform/metrics-catalogue.json from shared/telemetry/metrics.ts, so Terraform creates a
// metric descriptor for every catalogue metric (kind, unit, labels) without duplicating the list.
// A unit test fails when the file and the catalogue disagree: run this after changing METRICS.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { METRICS } from '../../shared/telemetry/metrics.ts';

const root = new URL('../..', import.meta.url).pathname;
export const CATALOGUE_FILE = join(root, 'terraform', 'metrics-catalogue.json');

/** The catalogue as Terraform reads it: name -> kind, unit, labels, description. */
export function catalogueForTerraform(): Record<string, { kind: string; unit: string; labels: readonly string[]; description: string }> {
  return Object.fromEntries(
    Object.entries(METRICS).map(([name, spec]) => [name, { kind: spec.kind, unit: spec.unit, labels: spec.labels, description: spec.description }]),
  );
}

export function catalogueText(): string {
  return `${JSON.stringify(catalogueForTerraform(), null, 2)}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(CATALOGUE_FILE, catalogueText());
  console.error(`wrote ${Object.keys(METRICS).length} metrics to terraform/metrics-catalogue.json`);
}
