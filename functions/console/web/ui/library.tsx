// The flag library: search, filters, sort, bulk actions with a result per flag, import and
// export of the environment, and new flags from templates.

import { useEffect, useMemo, useState } from 'preact/hooks';
import { ApiError } from '../api/client.ts';
import { BulkShape, EnvironmentsShape, ExportShape, FlagListShape, ImportShape, TemplatesShape, type BulkAnswer } from '../api/shapes.ts';
import { EMPTY_QUERY, facets, filterFlags, type LibraryItem, type LibraryQuery, type SortKey, type StateFilter } from '../logic/flag-library.ts';
import { announce, canEdit, client, environment, go } from './app-state.ts';
import { download, valueOf } from './dom.tsx';
import { NewFlagDialog, type Template } from './new-flag.tsx';
import { formatDateTime } from '../logic/dates.ts';
import { READ_ONLY_EXPLANATION } from '../logic/key-role.ts';

type Bulk = 'enable' | 'disable' | 'delete' | 'copy';

export function Library() {
  const [items, setItems] = useState<LibraryItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [query, setQuery] = useState<LibraryQuery>(EMPTY_QUERY);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [bulkResult, setBulkResult] = useState<BulkAnswer | null>(null);
  const [environments, setEnvironments] = useState<{ key: string; version: number }[]>([]);
  const [copyTarget, setCopyTarget] = useState('');
  const [templates, setTemplates] = useState<Template[]>([]);
  const [creating, setCreating] = useState(false);
  const c = client.value!;
  const env = environment.value;
  const edit = canEdit.value;
  const base = `/v1/environments/${encodeURIComponent(env)}`;

  const load = async () => {
    try {
      const [list, envs] = await Promise.all([c.call('admin', `${base}/flags`, FlagListShape), c.call('admin', '/v1/environments', EnvironmentsShape)]);
      setItems(list.items as LibraryItem[]);
      setEnvironments(envs.environments);
      setError(null);
    } catch (err) {
      setError((err as Error).message);
    }
  };
  useEffect(() => {
    void load();
    c.call('preview', '/v1/rules/templates', TemplatesShape).then((t) => setTemplates(t.templates as Template[]), () => setTemplates([]));
  }, [env]);

  const shown = useMemo(() => (items ? filterFlags(items, query) : []), [items, query]);
  const { tags, owners } = useMemo(() => facets(items ?? []), [items]);
  const set = <K extends keyof LibraryQuery>(k: K, v: LibraryQuery[K]) => setQuery({ ...query, [k]: v });
  const toggle = (key: string) => {
    const next = new Set(selected);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    setSelected(next);
  };
  const allShownSelected = shown.length > 0 && shown.every((i) => selected.has(i.key));

  const runBulk = async (action: Bulk) => {
    const keys = [...selected];
    if (keys.length === 0) return;
    if (action === 'delete' && !confirm(`Delete ${keys.length} flag(s)? Their history is kept.`)) return;
    try {
      const body = { action, keys, ...(action === 'copy' ? { targetEnvironment: copyTarget } : {}) };
      const answer = await c.call('admin', `${base}/flags:bulk`, BulkShape, { body });
      // The list first, so the result never sits next to a stale list.
      await load();
      setSelected(new Set());
      setBulkResult(answer);
      announce(`${action}: ${answer.succeeded} succeeded, ${answer.failed} failed`, answer.failed > 0 ? 'error' : 'info');
    } catch (err) {
      announce(err instanceof ApiError && err.status === 403 && !canEdit.value ? READ_ONLY_EXPLANATION : `Bulk ${action} failed: ${(err as Error).message}`, 'error');
    }
  };

  const exportAll = async () => {
    try {
      const answer = await c.call('admin', `${base}/export`, ExportShape);
      download(`switchyard-${env}-v${answer.version}.json`, answer);
      announce(`Exported ${answer.flags.length} flags of ${env} (version ${answer.version})`);
    } catch (err) {
      announce(`Export failed: ${(err as Error).message}`, 'error');
    }
  };

  const importFile = async (e: Event) => {
    const input = e.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    let body: unknown;
    try {
      body = JSON.parse(await file.text());
    } catch {
      announce(`${file.name} is not valid JSON`, 'error');
      return;
    }
    try {
      const envVersion = environments.find((x) => x.key === env)?.version ?? 0;
      const answer = await c.call('admin', `${base}/import`, ImportShape, { body, ifMatch: envVersion });
      announce(`Imported ${answer.written.length} documents into ${env} (now version ${answer.environmentVersion})`);
      await load();
    } catch (err) {
      const problem = err instanceof ApiError ? err.problem : undefined;
      const detail = problem?.errors?.slice(0, 5).map((i) => `${i.path}: ${i.message}`).join('; ');
      announce(`Import refused: ${(err as Error).message}${detail ? ` (${detail})` : ''}`, 'error');
    }
  };

  const selectFilter = (id: string, label: string, value: string, options: readonly (readonly [string, string])[], onChange: (v: string) => void) =>
    (
      <div class="field inline">
        <label for={id}>{label}</label>
        <select id={id} value={value} onChange={(e: Event) => onChange(valueOf(e))}>
          {options.map(([v, text]) => <option value={v}>{text}</option>)}
        </select>
      </div>
    );

  return (
    <main id="main" class="library">
      <div class="toolbar">
        <h1>{'Flags '}<span class="muted">{`in ${env}`}</span></h1>
        <div class="actions">
          {edit ? <button class="primary" onClick={() => setCreating(true)}>New flag</button> : null}
          <button onClick={exportAll}>Export JSON</button>
          {edit ? <label class="button" for="import-file">Import JSON</label> : null}
          {edit ? <input id="import-file" type="file" accept="application/json,.json" class="visually-hidden" onChange={importFile} /> : null}
        </div>
      </div>
      <div class="filters" role="search">
        <div class="field inline grow">
          <label for="flag-search">Search</label>
          <input id="flag-search" type="search" placeholder="key, name, tag…" value={query.text} onInput={(e: Event) => set('text', valueOf(e))} />
        </div>
        {selectFilter('filter-tag', 'Tag', query.tag, [['', 'Any tag'], ...tags.map((t) => [t, t] as const)], (v) => set('tag', v))}
        {selectFilter('filter-state', 'State', query.state, [['all', 'Any state'], ['enabled', 'Enabled'], ['disabled', 'Disabled']], (v) => set('state', v as StateFilter))}
        {selectFilter('filter-owner', 'Owner', query.owner, [['', 'Any owner'], ...owners.map((o) => [o, o] as const)], (v) => set('owner', v))}
        {selectFilter('sort', 'Sort', query.sort, [['key', 'Key'], ['updated', 'Recently updated'], ['rules', 'Most rules']], (v) => set('sort', v as SortKey))}
      </div>
      {!edit ? null : <div class="bulk" role="group" aria-label="Bulk actions on selected flags">
        <span>{`${selected.size} selected`}</span>
        <button disabled={selected.size === 0} onClick={() => runBulk('enable')}>Enable</button>
        <button disabled={selected.size === 0} onClick={() => runBulk('disable')}>Disable</button>
        <label for="copy-target" class="visually-hidden">Copy to environment</label>
        <select id="copy-target" value={copyTarget} onChange={(e: Event) => setCopyTarget(valueOf(e))}>
          <option value="">Copy to…</option>
          {environments.filter((x) => x.key !== env).map((x) => <option value={x.key}>{x.key}</option>)}
        </select>
        <button disabled={selected.size === 0 || copyTarget === ''} onClick={() => runBulk('copy')}>Copy</button>
        <button class="danger" disabled={selected.size === 0} onClick={() => runBulk('delete')}>Delete</button>
      </div>}
      {bulkResult ? <section class="bulk-result" aria-label="Bulk results">
        <h2>{`Bulk ${bulkResult.action}: ${bulkResult.succeeded} succeeded, ${bulkResult.failed} failed`}</h2>
        <ul>
          {bulkResult.items.map((i) => <li class={i.status < 300 ? 'ok' : 'error'}>
            <code>{i.key}</code>
            {` ${i.status} `}
            {i.problem ? i.problem.detail ?? i.problem.title : i.version !== undefined ? `version ${i.version}` : 'done'}
          </li>)}
        </ul>
        <button onClick={() => setBulkResult(null)}>Dismiss</button>
      </section> : null}
      {error ? <p class="error" role="alert">{error}</p> : null}
      {items === null ? <p>Loading flags…</p> :
      <div class="table-wrap" tabIndex={0}>
        <table class="flags">
          <caption class="visually-hidden">{`${shown.length} of ${items.length} flags`}</caption>
          <thead>
            <tr>
              {edit ? <th scope="col">
                <input type="checkbox" aria-label="Select all shown flags" checked={allShownSelected} onChange={() => setSelected(allShownSelected ? new Set() : new Set(shown.map((i) => i.key)))} />
              </th> : null}
              <th scope="col">Flag</th>
              <th scope="col">State</th>
              <th scope="col" class="wide-only">Tags</th>
              <th scope="col" class="wide-only">Rules</th>
              <th scope="col" class="wide-only">Updated</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((item) => <tr key={item.key}>
              {edit ? <td><input type="checkbox" aria-label={`Select ${item.key}`} checked={selected.has(item.key)} onChange={() => toggle(item.key)} /></td> : null}
              <td>
                <a href={`#/flags/${encodeURIComponent(item.key)}`}>{item.key}</a>
                {item.document.name ? <div class="muted">{item.document.name}</div> : null}
              </td>
              <td><span class={`badge ${item.document.enabled ? 'on' : 'off'}`}>{item.document.enabled ? 'Enabled' : 'Disabled'}</span></td>
              <td class="wide-only">{(item.document.tags ?? []).map((t) => <span class="tag">{t}</span>)}</td>
              <td class="wide-only">{String(item.document.rules?.length ?? 0)}</td>
              <td class="wide-only">
                <time dateTime={item.updatedAt} title={item.updatedAt}>{formatDateTime(item.updatedAt)}</time>
                <div class="muted">{item.updatedBy}</div>
              </td>
            </tr>)}
          </tbody>
        </table>
      </div>}
      {items !== null && shown.length === 0 ? <div class="empty" role="status">
        {items.length === 0 ? <p>{`No flags in ${env} yet. `}<button type="button" class="link" onClick={() => setCreating(true)}>Create the first one</button></p> :
        <p>
          {query.text.trim() ? `No flags match "${query.text.trim()}"` : 'No flags match these filters'}
          {' with the filters chosen. '}
          <button type="button" class="link" onClick={() => setQuery({ ...EMPTY_QUERY, sort: query.sort })}>Clear search and filters</button>
        </p>}
      </div> : null}
      {creating ? <NewFlagDialog templates={templates} taken={new Set((items ?? []).map((i) => i.key))} onClose={() => setCreating(false)} onCreate={(key: string, template?: string) => go(`#/flags/${encodeURIComponent(key)}?new=1${template ? `&template=${encodeURIComponent(template)}` : ''}`)} /> : null}
    </main>
  );
}
