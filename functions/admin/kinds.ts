// How each document kind appears over HTTP: its body field (`{ "flag": … }`), the field holding
// its key, and the problem code of an invalid one.

import type { ApiErrorCode } from '../../shared/http/problem.ts';
import { DOCUMENT_KINDS, type DocumentKind } from '../../shared/store/document-ports.ts';

export type KindHttp = { readonly field: string; readonly keyField: string; readonly invalid: ApiErrorCode };

export const KIND_HTTP = {
  flags: { field: 'flag', keyField: 'key', invalid: 'INVALID_FLAG' },
  segments: { field: 'segment', keyField: 'key', invalid: 'INVALID_DOCUMENT' },
  attributes: { field: 'attribute', keyField: 'name', invalid: 'INVALID_DOCUMENT' },
} as const satisfies Record<DocumentKind, KindHttp>;

export { DOCUMENT_KINDS, type DocumentKind };

export const describe = (kind: DocumentKind, environment: string, key: string) => `${KIND_HTTP[kind].field} "${key}" in environment "${environment}"`;
