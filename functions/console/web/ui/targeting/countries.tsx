// The world map over one chosen rule: clicking a country adds it to (or takes it out of) the
// rule's geo.country condition.

import { useSignal } from '@preact/signals';
import type { DraftRule } from '../../logic/flag-draft.ts';
import { findCountryClause, toggleCountry } from '../../logic/geo-condition.ts';
import { valueOf } from '../dom.ts';
import type { Editor } from '../editor-state.ts';
import { GeoMap } from '../geo-map.tsx';

export function Countries({ editor }: { editor: Editor }) {
  const rules = (editor.draft.value.rules ?? []) as DraftRule[];
  const chosenRule = useSignal(0);
  const ruleIndex = chosenRule.value;
  const selected = new Set(findCountryClause(rules[ruleIndex]?.when)?.codes ?? []);
  const toggle = (code: string) => editor.update((f) => ({ ...f, rules: rules.map((r, i) => {
    if (i !== ruleIndex) return r;
    const when = toggleCountry(r.when, code);
    const { when: _w, ...rest } = r;
    return when === undefined ? rest : { ...rest, when };
  }) }));
  return (
    <section aria-labelledby="map-title">
      <h2 id="map-title">Countries</h2>
      {rules.length === 0 ? <p>Add a rule first: the map edits the geo.country condition of a rule.</p> : <div>
        <div class="field inline">
          <label for="map-rule">Rule</label>
          <select id="map-rule" value={ruleIndex} onChange={(e: Event) => (chosenRule.value = Number(valueOf(e)))}>
            {rules.map((r, i) => <option value={i}>{`Rule ${i + 1} (${r.id})`}</option>)}
          </select>
        </div>
        <GeoMap selected={selected} onToggle={toggle} />
        <p aria-live="polite">
          {selected.size ? `geo.country is one of: ${[...selected].join(', ')}` : 'No country chosen: click countries to add a geo.country condition.'}
        </p>
      </div>}
    </section>
  );
}
