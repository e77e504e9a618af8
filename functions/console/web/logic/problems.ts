// Errors and warnings by JSON Pointer, so each field shows what belongs to it. Validate's paths
// are relative to the document; a problem from admin or preview points into the request body
// (`/flag/rules/0/...`), and `relativeTo` strips that prefix.

export type Issue = { readonly path: string; readonly code: string; readonly message: string; readonly suggestion?: string | undefined };

export function relativeTo(issues: readonly Issue[], prefix: string): Issue[] {
  return issues.map((i) => (i.path === prefix || i.path.startsWith(`${prefix}/`) ? { ...i, path: i.path.slice(prefix.length) || '/' } : i));
}

/** The issues exactly at a pointer. */
export function issuesAt(issues: readonly Issue[], pointer: string): Issue[] {
  return issues.filter((i) => i.path === pointer);
}

/** The issues at or below a pointer: a rule shows how many of its fields have one. */
export function issuesUnder(issues: readonly Issue[], pointer: string): Issue[] {
  return issues.filter((i) => i.path === pointer || i.path.startsWith(`${pointer}/`));
}

/** A condition field's pointer: `/rules/0/when/all/1` + `/value`. */
export function fieldPointer(node: string, field: 'attr' | 'op' | 'value'): string {
  return `${node}/${field}`;
}

/**
 * The issues a field shows: those at it, plus, for the value field, those below it
 * (`/value/1` of a range), so nothing is lost between fields.
 */
export function issuesForField(issues: readonly Issue[], node: string, field: 'attr' | 'op' | 'value'): Issue[] {
  const pointer = fieldPointer(node, field);
  return field === 'value' ? issuesUnder(issues, pointer) : issuesAt(issues, pointer);
}

/** Issues at the condition node itself (not at one of its fields or children). */
export function issuesOfNode(issues: readonly Issue[], node: string): Issue[] {
  return issuesAt(issues, node);
}

/** The DOM id of a field's message, for aria-describedby. */
export function messageIdFor(pointer: string): string {
  return `issue${pointer.replace(/[^A-Za-z0-9]/g, '-')}`;
}
