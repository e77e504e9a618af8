// Test users pasted into the preview: a JSON array of contexts, JSON lines, or CSV with a header
// row. CSV columns are dotted attribute paths (`geo.country` becomes `{ geo: { country } }`);
// cells are typed the way a person would read them (numbers, true/false, `a|b` lists).

export type ParsedUsers = { readonly users: Record<string, unknown>[]; readonly errors: readonly string[] };

/** RFC 4180 rows: quoted fields may hold commas, doubled quotes and line breaks. */
export function parseCsvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field.length === 0) quoted = true;
    else if (ch === ',') row.push(field), (field = '');
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field), rows.push(row), (row = []), (field = '');
    } else field += ch;
  }
  if (field.length > 0 || row.length > 0) row.push(field), rows.push(row);
  return rows.filter((r) => r.some((cell) => cell.trim().length > 0));
}

export function typedCell(cell: string): unknown {
  const text = cell.trim();
  if (text === 'true') return true;
  if (text === 'false') return false;
  if (/^-?\d+(\.\d+)?$/.test(text) && Math.abs(Number(text)) <= Number.MAX_SAFE_INTEGER) return Number(text);
  if (text.includes('|')) return text.split('|').map((s) => s.trim()).filter((s) => s.length > 0);
  return text;
}

/** Only own members are followed and written, so no header can reach Object.prototype. */
function setPath(target: Record<string, unknown>, parts: readonly string[], value: unknown): void {
  let node = target;
  for (const part of parts.slice(0, -1)) {
    const next = Object.hasOwn(node, part) ? node[part] : undefined;
    if (typeof next !== 'object' || next === null || Array.isArray(next)) Object.defineProperty(node, part, { value: {}, writable: true, enumerable: true, configurable: true });
    node = node[part] as Record<string, unknown>;
  }
  Object.defineProperty(node, parts[parts.length - 1]!, { value, writable: true, enumerable: true, configurable: true });
}

/** Why a header cannot name an attribute, or undefined when it can. */
function headerProblem(column: string): string | undefined {
  const parts = column.split('.');
  if (parts.includes('__proto__')) return `column "${column}": "__proto__" cannot be an attribute name; rename the column`;
  if (parts.some((p) => p.length === 0)) return `column "${column}": an attribute path has no empty parts (write geo.country)`;
  return undefined;
}

export function usersFromCsv(text: string): ParsedUsers {
  const [header, ...rows] = parseCsvRows(text);
  if (!header) return { users: [], errors: ['no rows: the first row names the attributes (targetingKey,plan,geo.country)'] };
  const columns = header.map((h) => h.trim());
  const refused = columns.flatMap((column) => (column.length === 0 ? [] : (headerProblem(column) ?? [])));
  // A bad header makes every row wrong: the users are refused whole, with the column named.
  if (refused.length > 0) return { users: [], errors: refused };
  const errors: string[] = [];
  const users = rows.map((cells, r) => {
    if (cells.length > columns.length) errors.push(`row ${r + 2}: ${cells.length} cells for ${columns.length} columns`);
    const user: Record<string, unknown> = {};
    columns.forEach((column, c) => {
      const cell = cells[c];
      // An empty cell is a missing attribute, not an empty string.
      if (column.length > 0 && cell !== undefined && cell.trim().length > 0) setPath(user, column.split('.'), typedCell(cell));
    });
    return user;
  });
  return { users, errors };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whichever of JSON array, JSON lines or CSV the text is. */
export function parseUsers(text: string): ParsedUsers {
  const trimmed = text.trim();
  if (trimmed.length === 0) return { users: [], errors: [] };
  if (trimmed.startsWith('[')) {
    try {
      const value: unknown = JSON.parse(trimmed);
      if (!Array.isArray(value)) return { users: [], errors: ['expected a JSON array of users'] };
      const errors = value.flatMap((u, i) => (isObject(u) ? [] : [`user ${i + 1} is not an object`]));
      return { users: value.filter(isObject), errors };
    } catch (error) {
      return { users: [], errors: [`not valid JSON: ${(error as Error).message}`] };
    }
  }
  if (trimmed.startsWith('{')) {
    const users: Record<string, unknown>[] = [];
    const errors: string[] = [];
    trimmed.split(/\r?\n/).forEach((line, i) => {
      if (line.trim().length === 0) return;
      try {
        const value: unknown = JSON.parse(line);
        if (isObject(value)) users.push(value);
        else errors.push(`line ${i + 1} is not an object`);
      } catch {
        errors.push(`line ${i + 1} is not valid JSON`);
      }
    });
    return { users, errors };
  }
  return usersFromCsv(trimmed);
}
