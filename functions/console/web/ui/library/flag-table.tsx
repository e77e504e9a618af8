// The table of flags shown: selection, key and name, state, tags, rule count, last update.

import { formatDateTime } from '../../logic/dates.ts';
import type { LibraryItem } from '../../logic/flag-library.ts';
import { hashOf } from '../../logic/route.ts';
import { useEffect, useMemo } from 'preact/hooks';
import { useApp } from '../app-state.ts';
import { PlannedBadges } from '../releases/planned-badges.tsx';
import { createPlannedChanges, type Planned } from '../releases/planned-changes.ts';
import type { LibraryState } from './library-state.ts';
import { UsageSparkline } from '../usage/usage-sparkline.tsx';

function FlagRow({ item, library, edit, env, now, planned }: { item: LibraryItem; library: LibraryState; edit: boolean; env: string; now: number; planned: Planned | undefined }) {
  const d = item.document;
  return (
    <tr>
      {edit ? <td><input type="checkbox" aria-label={`Select ${item.key}`} checked={library.selected.value.has(item.key)} onChange={() => library.toggle(item.key)} /></td> : null}
      <td>
        <a href={hashOf({ screen: 'editor', env, key: item.key, isNew: false })}>{item.key}</a>
        {d.name ? <div class="muted">{d.name}</div> : null}
        <PlannedBadges planned={planned} />
      </td>
      <td><span class={`badge ${d.enabled ? 'on' : 'off'}`}>{d.enabled ? 'Enabled' : 'Disabled'}</span></td>
      <td class="wide-only">{(d.tags ?? []).map((t) => <span class="tag">{t}</span>)}</td>
      <td class="wide-only">{String(d.rules?.length ?? 0)}</td>
      <td class="usage-cell"><UsageSparkline usage={library.usage.value.get(item.key)} now={now} /></td>
      <td class="wide-only">
        <time dateTime={item.updatedAt} title={item.updatedAt}>{formatDateTime(item.updatedAt)}</time>
        <div class="muted">{item.updatedBy}</div>
      </td>
    </tr>
  );
}

export function FlagTable({ library }: { library: LibraryState }) {
  const app = useApp();
  const { canEdit, environment } = app;
  const edit = canEdit.value;
  const planned = useMemo(() => createPlannedChanges(app), [app]);
  const items = library.items.value;
  useEffect(() => (items ? planned.follow(environment.peek(), items) : undefined), [items]);
  const shown = library.shown.value;
  const now = Date.now();
  return (
    <div class="table-wrap" tabIndex={0}>
      <table class="flags">
        <caption class="visually-hidden">{`${shown.length} of ${library.items.value?.length ?? 0} flags`}</caption>
        <thead>
          <tr>
            {edit ? <th scope="col"><input type="checkbox" aria-label="Select all shown flags" checked={library.allShownSelected.value} onChange={library.toggleAllShown} /></th> : null}
            <th scope="col">Flag</th>
            <th scope="col">State</th>
            <th scope="col" class="wide-only">Tags</th>
            <th scope="col" class="wide-only">Rules</th>
            <th scope="col">Usage <span class="muted small">(24 h)</span></th>
            <th scope="col" class="wide-only">Updated</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((item) => <FlagRow key={item.key} item={item} library={library} edit={edit} env={environment.value} now={now} planned={planned.byFlag.value.get(item.key)} />)}
        </tbody>
      </table>
    </div>
  );
}
