// Every .tf file of terraform/, parsed once with @cdktf/hcl2json (the HCL parser the design
// names): what the offline checks and the schema derivation read.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from '@cdktf/hcl2json';

export const TERRAFORM_DIR = join(new URL('../..', import.meta.url).pathname, 'terraform');

/** hcl2json's JSON: blocks are arrays of objects, expressions are "${...}" strings. */
export type HclBody = Record<string, unknown>;
export type ParsedFile = { readonly file: string; readonly body: HclBody };

export function tfFileNames(dir = TERRAFORM_DIR): string[] {
  return readdirSync(dir).filter((f) => f.endsWith('.tf')).sort();
}

/** Parses every file; a syntax error rejects with the parser's message (file, line and column). */
export async function parseTfFiles(dir = TERRAFORM_DIR): Promise<ParsedFile[]> {
  return Promise.all(tfFileNames(dir).map(async (file) => ({ file, body: (await parse(file, readFileSync(join(dir, file), 'utf8'))) as HclBody })));
}

export type Declared = { readonly file: string; readonly kind: 'resource' | 'data'; readonly type: string; readonly name: string; readonly body: HclBody };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every resource and data block: `resource "<type>" "<name>" { ... }`. */
export function declarations(files: readonly ParsedFile[]): Declared[] {
  const found: Declared[] = [];
  for (const { file, body } of files) {
    for (const kind of ['resource', 'data'] as const) {
      const byType = body[kind];
      if (!isRecord(byType)) continue;
      for (const [type, byName] of Object.entries(byType)) {
        if (!isRecord(byName)) continue;
        for (const [name, blocks] of Object.entries(byName)) {
          for (const block of Array.isArray(blocks) ? blocks : [blocks]) if (isRecord(block)) found.push({ file, kind, type, name, body: block });
        }
      }
    }
  }
  return found;
}

/** The `locals` of every file merged (each name is defined once in Terraform). */
export function locals(files: readonly ParsedFile[]): Record<string, unknown> {
  const merged: Record<string, unknown> = {};
  for (const { body } of files) {
    const blocks = body.locals;
    for (const block of Array.isArray(blocks) ? blocks : []) if (isRecord(block)) Object.assign(merged, block);
  }
  return merged;
}

export const schemaKey = (d: Pick<Declared, 'kind' | 'type'>) => (d.kind === 'data' ? `data.${d.type}` : d.type);
