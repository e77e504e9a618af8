// Search, tag, state and owner filters and the sort of the library.

import type { SortKey, StateFilter } from '../../logic/flag-library.ts';
import { valueOf } from '../dom.ts';
import type { LibraryState } from './library-state.ts';

type Option = readonly [value: string, text: string];

function SelectFilter({ id, label, value, options, onChange }: { id: string; label: string; value: string; options: readonly Option[]; onChange: (v: string) => void }) {
  return (
    <div class="field inline">
      <label for={id}>{label}</label>
      <select id={id} value={value} onChange={(e: Event) => onChange(valueOf(e))}>
        {options.map(([v, text]) => <option value={v}>{text}</option>)}
      </select>
    </div>
  );
}

export function LibraryFilters({ library }: { library: LibraryState }) {
  const query = library.query.value;
  const { tags, owners } = library.facets.value;
  return (
    <div class="filters" role="search">
      <div class="field inline grow">
        <label for="flag-search">Search</label>
        <input id="flag-search" type="search" placeholder="key, name, tag…" value={query.text} onInput={(e: Event) => library.setQuery({ text: valueOf(e) })} />
      </div>
      <SelectFilter id="filter-tag" label="Tag" value={query.tag} options={[['', 'Any tag'], ...tags.map((t) => [t, t] as const)]} onChange={(tag) => library.setQuery({ tag })} />
      <SelectFilter id="filter-state" label="State" value={query.state} options={[['all', 'Any state'], ['enabled', 'Enabled'], ['disabled', 'Disabled']]} onChange={(v) => library.setQuery({ state: v as StateFilter })} />
      <SelectFilter id="filter-owner" label="Owner" value={query.owner} options={[['', 'Any owner'], ...owners.map((o) => [o, o] as const)]} onChange={(owner) => library.setQuery({ owner })} />
      <SelectFilter id="sort" label="Sort" value={query.sort} options={[['key', 'Key'], ['updated', 'Recently updated'], ['rules', 'Most rules']]} onChange={(v) => library.setQuery({ sort: v as SortKey })} />
    </div>
  );
}
