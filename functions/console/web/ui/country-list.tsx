// Every ISO 3166-1 country as a checkbox, searchable by name or code: the same selection as the
// map's (a country too small for the map is chosen here as easily as a large one).

import { useSignal } from '@preact/signals';
import { COUNTRY_LIST, searchCountries } from '../logic/country-list.ts';
import { valueOf } from './dom.ts';

export function CountryList({ selected, onToggle }: { selected: ReadonlySet<string>; onToggle: (code: string) => void }) {
  const query = useSignal('');
  const shown = searchCountries(COUNTRY_LIST, query.value);
  return (
    <div class="country-list">
      <label for="country-search">Find a country</label>
      <input id="country-search" type="search" value={query.value} placeholder="Name or code (MT, Malta)" aria-describedby="country-count" onInput={(e: Event) => (query.value = valueOf(e))} />
      <p id="country-count" class="hint" aria-live="polite">{`${shown.length} of ${COUNTRY_LIST.length} countries shown, ${selected.size} chosen`}</p>
      <ul aria-label="Countries">
        {shown.map((c) => (
          <li key={c.code}>
            <label>
              <input type="checkbox" checked={selected.has(c.code)} data-country-option={c.code} onChange={() => onToggle(c.code)} />
              {` ${c.name} `}
              <span class="code">{c.code}</span>
            </label>
          </li>
        ))}
      </ul>
    </div>
  );
}
