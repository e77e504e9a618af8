// Targeting tools over one chosen rule: the geo map, the device/browser matrix (what the draft
// serves each combination, by preview), the behavioural events the rules read, and the
// experiment audience builder with expected users per variant.

import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { EstimateShape, PreviewShape, type EstimateAnswer } from '../api/shapes.ts';
import type { DraftRule, DraftServe } from '../logic/flag-draft.ts';
import { eventsUsed } from '../logic/behavior-events.ts';
import { findCountryClause, toggleCountry } from '../logic/geo-condition.ts';
import { isAborted } from '../api/latest.ts';
import { useApp } from './app-state.ts';
import { valueOf } from './dom.ts';
import type { Editor } from './editor-state.ts';
import { GeoMap } from './geo-map.tsx';
import { SplitEditor } from './serve-editor.tsx';

const DEVICES = ['desktop', 'mobile', 'tablet'];
const BROWSERS = ['Chrome', 'Safari', 'Mobile Safari', 'Firefox', 'Edge'];

function DeviceMatrix({ editor }: { editor: Editor }) {
  const cells = useSignal<ReadonlyMap<string, string> | null>(null);
  const { client, requests } = useApp();
  const c = client.value;
  const flag = editor.draft.value;
  // Only a valid draft can be previewed (an invalid one is refused with 422): the cells wait for it.
  const valid = editor.validation.value?.errors.length === 0;
  useEffect(() => {
    if (!valid) return;
    const users = DEVICES.flatMap((d) => BROWSERS.map((b) => ({ targetingKey: `matrix-${d}-${b}`, device: { type: d }, browser: { name: b } })));
    // Edits in quick succession: the cells show the last draft's answer, never an older one.
    requests.run('targeting:matrix', (signal) => c.call('preview', `/v1/rules/preview?environment=${encodeURIComponent(editor.environment)}`, PreviewShape, { body: { flag, users, trace: false }, signal }))
      .then((a) => (cells.value = new Map(a.results.map((r) => [users[r.index]!.targetingKey, r.variant ?? r.reason]))), (err: unknown) => {
        if (!isAborted(err)) cells.value = null;
      });
  }, [JSON.stringify(flag), valid]);
  return (
    <section aria-labelledby="matrix-title">
      <h2 id="matrix-title">Devices and browsers</h2>
      <p class="muted">What the draft serves a user with only these attributes (and a fixed targeting key).</p>
      {valid ? null : <p class="warn" data-matrix="waiting">The draft has errors: fix them on the Rules tab to see what it serves.</p>}
      <div class="table-wrap" tabIndex={0}>
        <table class="matrix">
          <thead><tr><th scope="col">{'device.type \\ browser.name'}</th>{BROWSERS.map((b) => <th scope="col">{b}</th>)}</tr></thead>
          <tbody>
            {DEVICES.map((d) => <tr><th scope="row">{d}</th>{BROWSERS.map((b) => <td>{cells.value?.get(`matrix-${d}-${b}`) ?? '…'}</td>)}</tr>)}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Experiments({ editor }: { editor: Editor }) {
  const audience = useSignal(10000);
  const estimates = useSignal<Readonly<Record<string, EstimateAnswer>>>({});
  const flag = editor.draft.value;
  const rules = (flag.rules ?? []) as DraftRule[];
  const experiments = rules.map((r, i) => ({ r, i })).filter(({ r }) => 'rollout' in r.serve);
  const c = useApp().client.value;
  const estimate = async (ruleId: string) => {
    const answer = await c.call('preview', `/v1/rules/rollout-estimate?environment=${encodeURIComponent(editor.environment)}`, EstimateShape, { body: { flag, audience: audience.value, ruleId } });
    estimates.value = { ...estimates.value, [ruleId]: answer };
  };
  return (
    <section aria-labelledby="experiments-title">
      <h2 id="experiments-title">Experiments and splits</h2>
      {experiments.length === 0 ? <p>{'No rule serves a percentage split. Choose "a percentage split" in a rule to start an experiment.'}</p> : null}
      <div class="field inline">
        <label for="exp-audience">Audience reaching the rule</label>
        <input id="exp-audience" type="number" min={1} value={audience.value} onInput={(e: Event) => (audience.value = Number(valueOf(e)))} />
      </div>
      {experiments.map(({ r, i }) => {
        const rollout = (r.serve as Extract<DraftServe, { rollout: unknown }>).rollout;
        const est = estimates.value[r.id];
        return <article class="experiment">
        <h3>{`Rule ${i + 1} (${r.id})`}{rollout.experiment ? `: experiment ${rollout.experiment.id}` : ': split without an experiment id'}</h3>
        <SplitEditor split={rollout.split} variants={Object.keys(flag.variants)} idBase={`exp-${i}`} onChange={(split, coalesce) => editor.update((f) => ({ ...f, rules: rules.map((x, j) => (j === i ? { ...x, serve: { rollout: { ...rollout, split } } } : x)) }), coalesce)} />
        <button type="button" onClick={() => estimate(r.id)}>Expected users</button>
        {est ? <ul>
          {est.variants.map((v) => <li>
            {`${v.variant}: ${Math.round(v.expected).toLocaleString()} (${Math.round(v.low).toLocaleString()}–${Math.round(v.high).toLocaleString()})`}
          </li>)}
        </ul> : null}
        <p class="muted">
          Exposures: no metrics yet. Counts per variant appear here once the aggregator has recorded exposures for this experiment.
        </p>
      </article>;
      })}
    </section>
  );
}

export function TargetingPanel({ editor }: { editor: Editor }) {
  const flag = editor.draft.value;
  const rules = (flag.rules ?? []) as DraftRule[];
  const chosenRule = useSignal(0);
  const ruleIndex = chosenRule.value;
  const rule = rules[ruleIndex];
  const selected = new Set(findCountryClause(rule?.when)?.codes ?? []);
  const events = eventsUsed(flag);
  const toggle = (code: string) => editor.update((f) => ({ ...f, rules: rules.map((r, i) => {
    if (i !== ruleIndex) return r;
    const when = toggleCountry(r.when, code);
    const { when: _w, ...rest } = r;
    return when === undefined ? rest : { ...rest, when };
  }) }));
  return (
    <div class="targeting">
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
      <DeviceMatrix editor={editor} />
      <section aria-labelledby="behavior-title">
        <h2 id="behavior-title">Behaviour</h2>
        {events.length === 0 ? <p>No rule reads tracked events (attributes such as behavior.purchase.count_30d).</p> :
        <table>
          <thead><tr>{['Rule', 'Event', 'Window', 'Test'].map((t) => <th scope="col">{t}</th>)}</tr></thead>
          <tbody>
            {events.map((e) => <tr>
              <td>{e.ruleId}</td>
              <td>{e.event}</td>
              <td>{`${e.windowDays} days`}</td>
              <td>{`${e.negated ? 'NOT ' : ''}${e.op} ${JSON.stringify(e.value)}`}</td>
            </tr>)}
          </tbody>
        </table>}
      </section>
      <Experiments editor={editor} />
    </div>
  );
}
