// What the editor opens: the stored flag and its version, or for a new flag the chosen template
// (or a blank flag) at version 0.

import type { Client } from '../../api/client.ts';
import { FlagItemShape, TemplatesShape } from '../../api/shapes.ts';
import { blankFlag, fromTemplate, type DraftFlag } from '../../logic/flag-draft.ts';

export type Opened = { readonly flag: DraftFlag; readonly version: number };

export const flagPath = (env: string, key: string) => `/v1/environments/${encodeURIComponent(env)}/flags/${encodeURIComponent(key)}`;

export async function loadFlag(c: Client, env: string, key: string, isNew: boolean, template: string | undefined, signal: AbortSignal): Promise<Opened> {
  if (isNew) {
    const templates = template ? (await c.call('preview', '/v1/rules/templates', TemplatesShape, { signal })).templates : [];
    const chosen = templates.find((t) => t.id === template);
    return { flag: chosen ? fromTemplate(chosen.flag as DraftFlag, key) : blankFlag(key), version: 0 };
  }
  const item = await c.call('admin', flagPath(env, key), FlagItemShape, { signal });
  return { flag: item.document as DraftFlag, version: item.version };
}
