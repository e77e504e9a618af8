// Checks parsed resources against the provider-schema subset: the type exists, every argument and
// nested block is known (recursively, dynamic blocks included) and every required one is present.
// No type or value checks: Terraform expressions cannot be evaluated offline.

import type { BlockSchema, ProviderSchema } from './schema-types.ts';
import { schemaKey, type Declared } from './tf-files.ts';

/** Arguments Terraform itself gives every resource or data block. */
const META_ARGUMENTS = new Set(['count', 'for_each', 'depends_on', 'provider', 'lifecycle', 'provisioner', 'connection']);

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function checkBlock(schema: BlockSchema, body: Record<string, unknown>, where: string, problems: string[]): void {
  const dynamic = isRecord(body.dynamic) ? body.dynamic : {};
  for (const [name, value] of Object.entries(body)) {
    if (name === 'dynamic') continue;
    if (name in schema.attributes) continue;
    const nested = schema.blocks[name];
    if (!nested) {
      problems.push(`${where}: unknown argument or block "${name}"`);
      continue;
    }
    const blocks = Array.isArray(value) ? value : [value];
    for (const b of blocks) {
      if (isRecord(b)) checkBlock(nested, b, `${where}.${name}`, problems);
      else problems.push(`${where}.${name}: written as an expression where a block is expected`);
    }
  }
  for (const [name, value] of Object.entries(dynamic)) {
    const nested = schema.blocks[name];
    if (!nested) {
      problems.push(`${where}: unknown dynamic block "${name}"`);
      continue;
    }
    for (const d of Array.isArray(value) ? value : [value]) {
      const content = isRecord(d) && Array.isArray(d.content) ? d.content : [];
      if (!isRecord(d) || !('for_each' in d) || content.length !== 1) problems.push(`${where}.dynamic.${name}: needs for_each and one content block`);
      for (const c of content) if (isRecord(c)) checkBlock(nested, c, `${where}.dynamic.${name}.content`, problems);
    }
  }
  for (const [name, required] of Object.entries(schema.attributes)) if (required && !(name in body)) problems.push(`${where}: required argument "${name}" missing`);
  for (const [name, nested] of Object.entries(schema.blocks)) if (nested.required && !(name in body) && !(name in dynamic)) problems.push(`${where}: required block "${name}" missing`);
}

export function checkAgainstSchema(schema: ProviderSchema, declared: readonly Declared[]): string[] {
  const problems: string[] = [];
  for (const d of declared) {
    const where = `${d.file}: ${d.kind === 'data' ? 'data.' : ''}${d.type}.${d.name}`;
    const type = schema.types[schemaKey(d)];
    if (!type) {
      problems.push(`${where}: type not in the provider schema`);
      continue;
    }
    const { lifecycle: _l, ...rest } = d.body;
    const own = Object.fromEntries(Object.entries(rest).filter(([k]) => !META_ARGUMENTS.has(k)));
    checkBlock(type, own, where, problems);
  }
  return problems;
}
