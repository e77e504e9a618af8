// User-Agent Client Hints read from their headers: structured-field lists and strings, read leniently.

export type Brand = Readonly<{ brand: string; version: string | undefined }>;
export type ClientHints = Readonly<{
  brands: readonly Brand[];
  mobile: boolean;
  model: string | undefined;
  platform: string | undefined;
  platformVersion: string | undefined;
  formFactors: readonly string[];
}>;

type Item = { value: string; params: Record<string, string> };

function unquote(text: string): string {
  const trimmed = text.trim();
  if (trimmed.length < 2 || !trimmed.startsWith('"') || !trimmed.endsWith('"')) return trimmed;
  return trimmed.slice(1, -1).replace(/\\(.)/g, '$1');
}

/** Splits on `sep` outside double quotes (RFC 9651 strings may hold commas and semicolons). */
function splitOutsideQuotes(text: string, sep: ',' | ';'): string[] {
  const parts: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && quoted) i++;
    else if (c === '"') quoted = !quoted;
    else if (c === sep && !quoted) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/** `"Chromium";v="124", "Google Chrome";v="124"` as items with their parameters; garbage gives odd items, never a throw. */
function listItems(header: string | undefined): Item[] {
  if (header === undefined) return [];
  return splitOutsideQuotes(header, ',').flatMap((member) => {
    const [value = '', ...rest] = splitOutsideQuotes(member, ';');
    const item = unquote(value);
    if (item === '') return [];
    const params: Record<string, string> = {};
    for (const param of rest) {
      const eq = param.indexOf('=');
      if (eq > 0) params[param.slice(0, eq).trim()] = unquote(param.slice(eq + 1));
    }
    return [{ value: item, params }];
  });
}

function stringOf(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const value = unquote(header);
  return value === '' ? undefined : value;
}

/** The hints present in `headers` (lower-case names, as CLIENT_HINT_HEADERS lists them). */
export function readClientHints(headers: Readonly<Record<string, string>>): ClientHints {
  // Full versions when the browser was asked for them (Accept-CH), else the major-only list.
  const fullList = listItems(headers['sec-ch-ua-full-version-list']);
  const brands = (fullList.length > 0 ? fullList : listItems(headers['sec-ch-ua'])).map((item) => ({ brand: item.value, version: item.params.v || undefined }));
  return {
    brands,
    mobile: headers['sec-ch-ua-mobile']?.trim() === '?1',
    model: stringOf(headers['sec-ch-ua-model']),
    platform: stringOf(headers['sec-ch-ua-platform']),
    platformVersion: stringOf(headers['sec-ch-ua-platform-version']),
    formFactors: listItems(headers['sec-ch-ua-form-factors']).map((item) => item.value),
  };
}
