// Derives terraform/schema/google-6.50.json, the provider schema of the types terraform/ uses, from
// the .jsii of @cdktf/provider-google 16.12.1 (generated from hashicorp/google 6.50.0). That package
// is 307 MB and not a dependency: install it anywhere outside the project and pass its folder:
//   npm install --prefix <dir> @cdktf/provider-google@16.12.1
//   node scripts/terraform/derive-schema.ts <dir>/node_modules/@cdktf/provider-google
// Run it again after terraform/ starts using a new resource type.

import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BlockSchema, NestedBlockSchema, ProviderSchema } from './schema-types.ts';
import { declarations, parseTfFiles, schemaKey, TERRAFORM_DIR } from './tf-files.ts';

export const SCHEMA_FILE = join(TERRAFORM_DIR, 'schema', 'google-6.50.json');

type JsiiType = { primitive?: string; fqn?: string; collection?: { kind: string; elementtype: JsiiType }; union?: { types: JsiiType[] } };
type JsiiProperty = { name: string; optional?: boolean; type: JsiiType; docs?: { remarks?: string } };
type JsiiInterface = { kind: string; fqn: string; datatype?: boolean; interfaces?: string[]; properties?: JsiiProperty[]; docs?: { summary?: string } };
type Jsii = { version: string; name: string; types: Record<string, JsiiInterface> };

const snake = (camel: string) => camel.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** The Terraform name of a property: the anchor of its registry link, else its name in snake case. */
function tfName(p: JsiiProperty): string {
  return p.docs?.remarks?.match(/#([a-z0-9_]+) /)?.[1] ?? snake(p.name);
}

/** The datatype a property holds when it is a nested block (directly, in a list, or in a union). */
function blockFqn(t: JsiiType, types: Jsii['types']): string | undefined {
  if (t.fqn) return types[t.fqn]?.datatype ? t.fqn : undefined;
  if (t.collection) return blockFqn(t.collection.elementtype, types);
  for (const u of t.union?.types ?? []) {
    const f = blockFqn(u, types);
    if (f) return f;
  }
  return undefined;
}

function blockOf(fqn: string, types: Jsii['types'], depth = 0): BlockSchema {
  if (depth > 12) throw new Error(`nesting too deep at ${fqn}`);
  const attributes: Record<string, boolean> = {};
  const blocks: Record<string, NestedBlockSchema> = {};
  for (const p of types[fqn]?.properties ?? []) {
    const nested = blockFqn(p.type, types);
    if (nested) blocks[tfName(p)] = { required: !p.optional, ...blockOf(nested, types, depth + 1) };
    else attributes[tfName(p)] = !p.optional;
  }
  return { attributes, blocks };
}

/** Every resource and data source of the package, keyed `<type>` or `data.<type>`. */
export function deriveAll(jsii: Jsii): Record<string, BlockSchema> {
  const all: Record<string, BlockSchema> = {};
  for (const type of Object.values(jsii.types)) {
    const link = type.kind === 'class' ? type.docs?.summary?.match(/\/docs\/(resources|data-sources)\/[a-z0-9_]+ (google_[a-z0-9_]+)\}/) : null;
    if (!link) continue;
    const config = jsii.types[`${type.fqn}Config`];
    if (!config?.interfaces?.includes('cdktf.TerraformMetaArguments')) continue;
    all[link[1] === 'data-sources' ? `data.${link[2]}` : link[2]!] = blockOf(config.fqn, jsii.types);
  }
  return all;
}

/** hashicorp/archive is not in the package; its one data source is written out by hand (2.7 docs). */
const ARCHIVE_FILE: BlockSchema = {
  attributes: { type: true, output_path: true, source_dir: false, source_file: false, source_content: false, source_content_filename: false, excludes: false, exclude_symlink_directories: false, output_file_mode: false },
  blocks: { source: { required: false, attributes: { content: true, filename: true }, blocks: {} } },
};

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.argv[2];
  if (!dir) throw new Error('usage: node scripts/terraform/derive-schema.ts <folder of @cdktf/provider-google>');
  const jsii = JSON.parse(readFileSync(join(dir, '.jsii'), 'utf8')) as Jsii;
  const all: Record<string, BlockSchema> = { ...deriveAll(jsii), 'data.archive_file': ARCHIVE_FILE };
  const used = [...new Set(declarations(await parseTfFiles()).map(schemaKey))].sort();
  const missing = used.filter((k) => !all[k]);
  if (missing.length > 0) throw new Error(`not in the provider: ${missing.join(', ')}`);
  const schema: ProviderSchema = {
    source: `${jsii.name} ${jsii.version} (hashicorp/google 6.50.0); data.archive_file by hand from hashicorp/archive 2.7`,
    types: Object.fromEntries(used.map((k) => [k, all[k]!])),
  };
  mkdirSync(join(TERRAFORM_DIR, 'schema'), { recursive: true });
  writeFileSync(SCHEMA_FILE, `${JSON.stringify(schema, null, 1)}\n`);
  console.error(`${Object.keys(all).length} types in the provider; wrote ${used.length} to terraform/schema/google-6.50.json`);
}
