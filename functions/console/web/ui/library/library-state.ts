// The flag library's state, one per library screen: the list of the environment in the route,
// the query, the selection, the last bulk result and the actions on them. Every list request
// goes through the app's one-request-per-purpose helper: switching environments fast aborts the
// list on its way, so the screen never shows another environment's flags.

import { batch, computed, signal } from '@preact/signals';
import { ApiError } from '../../api/client.ts';
import { isAborted } from '../../api/latest.ts';
import { BulkShape, ExportShape, FlagListShape, TemplatesShape, UsageOverviewShape, type BulkAnswer, type FlagUsageOverview } from '../../api/shapes.ts';
import { batches } from '../../logic/usage-overview.ts';
import { EMPTY_QUERY, facets, filterFlags, type LibraryItem, type LibraryQuery } from '../../logic/flag-library.ts';
import { READ_ONLY_EXPLANATION } from '../../logic/key-role.ts';
import type { AppState } from '../app-state.ts';
import { download } from '../dom.ts';
import type { Template } from '../new-flag.tsx';
import { createImportState } from './import-state.ts';

export type BulkAction = 'enable' | 'disable' | 'delete' | 'copy';

export function createLibraryState(app: AppState) {
  const items = signal<readonly LibraryItem[] | null>(null);
  const error = signal<string | null>(null);
  const query = signal<LibraryQuery>(EMPTY_QUERY);
  const selected = signal<ReadonlySet<string>>(new Set());
  const bulkResult = signal<BulkAnswer | null>(null);
  const copyTarget = signal('');
  const templates = signal<readonly Template[]>([]);
  const creating = signal(false);
  const shown = computed(() => (items.value ? filterFlags(items.value, query.value) : []));
  const allShownSelected = computed(() => shown.value.length > 0 && shown.value.every((i) => selected.value.has(i.key)));
  const base = () => `/v1/environments/${encodeURIComponent(app.environment.value)}`;
  const fail = (err: unknown, what: string) => {
    if (!isAborted(err)) app.announce(`${what}: ${(err as Error).message}`, 'error');
  };

  /** Each listed flag's last day and last evaluation (the sparklines); absent until known. */
  const usage = signal<ReadonlyMap<string, FlagUsageOverview>>(new Map());
  // One overview request per 50 flags, two at a time: a long library does not queue dozens at once.
  const loadUsage = async (keys: readonly string[]) => {
    const c = app.client.value;
    const env = base();
    try {
      const found = await app.requests.run('library:usage', async (abort) => {
        const queue = batches(keys, 50);
        const answers: FlagUsageOverview[] = [];
        const worker = async () => {
          for (let next = queue.shift(); next; next = queue.shift()) {
            const answer = await c.call('admin', `${env}/usage?keys=${next.map(encodeURIComponent).join(',')}`, UsageOverviewShape, { signal: abort });
            answers.push(...answer.flags);
          }
        };
        await Promise.all([worker(), worker()]);
        return answers;
      });
      usage.value = new Map(found.map((f) => [f.key, f]));
    } catch {
      // Usage is an extra: without it the library still lists and edits flags.
    }
  };

  const load = async () => {
    const c = app.client.value;
    const path = `${base()}/flags`;
    try {
      const list = await app.requests.run('library:flags', (abort) => c.call('admin', path, FlagListShape, { signal: abort }));
      batch(() => {
        items.value = list.items as LibraryItem[];
        error.value = null;
      });
      if (list.items.length > 0) void loadUsage(list.items.map((i) => i.key));
    } catch (err) {
      if (!isAborted(err)) error.value = (err as Error).message;
    }
  };

  const importing = createImportState(app, () => Promise.all([load(), app.loadEnvironments()]));

  return {
    items,
    usage,
    error,
    query,
    selected,
    bulkResult,
    copyTarget,
    templates,
    creating,
    shown,
    facets: computed(() => facets(items.value ?? [])),
    allShownSelected,
    /** A new environment (or the first visit): nothing of the last one stays on screen. */
    open() {
      batch(() => {
        items.value = null;
        usage.value = new Map();
        selected.value = new Set();
        bulkResult.value = null;
        copyTarget.value = '';
        importing.preview.value = null;
        importing.outcome.value = null;
        importing.phase.value = 'idle';
      });
      void load();
      app.client.value.call('preview', '/v1/rules/templates', TemplatesShape).then((t) => (templates.value = t.templates as Template[]), () => (templates.value = []));
    },
    setQuery(patch: Partial<LibraryQuery>) {
      query.value = { ...query.value, ...patch };
    },
    clearQuery() {
      query.value = { ...EMPTY_QUERY, sort: query.value.sort };
    },
    toggle(key: string) {
      const next = new Set(selected.value);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      selected.value = next;
    },
    toggleAllShown() {
      selected.value = allShownSelected.value ? new Set() : new Set(shown.value.map((i) => i.key));
    },
    async runBulk(action: BulkAction) {
      const keys = [...selected.value];
      if (keys.length === 0) return;
      if (action === 'delete' && !confirm(`Delete ${keys.length} flag(s)? Their history is kept.`)) return;
      try {
        const body = { action, keys, ...(action === 'copy' ? { targetEnvironment: copyTarget.value } : {}) };
        const answer = await app.client.value.call('admin', `${base()}/flags:bulk`, BulkShape, { body });
        // The list first, so the result never sits next to a stale list; a copy moved the target's version.
        await Promise.all([load(), app.loadEnvironments()]);
        batch(() => {
          selected.value = new Set();
          bulkResult.value = answer;
        });
        app.announce(`${action}: ${answer.succeeded} succeeded, ${answer.failed} failed`, answer.failed > 0 ? 'error' : 'info');
      } catch (err) {
        if (err instanceof ApiError && err.status === 403 && !app.canEdit.value) app.announce(READ_ONLY_EXPLANATION, 'error');
        else fail(err, `Bulk ${action} failed`);
      }
    },
    async exportAll() {
      const env = app.environment.value;
      try {
        const answer = await app.client.value.call('admin', `${base()}/export`, ExportShape);
        download(`switchyard-${env}-v${answer.version}.json`, answer);
        app.announce(`Exported ${answer.flags.length} flags of ${env} (version ${answer.version})`);
      } catch (err) {
        fail(err, 'Export failed');
      }
    },
    /** Import: a preview of the chosen file first, written only when confirmed. */
    importing,
  };
}

export type LibraryState = ReturnType<typeof createLibraryState>;
