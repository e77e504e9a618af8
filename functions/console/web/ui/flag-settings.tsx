// The flag's own fields: name, description, tags, owner, on/off, variants, default and off variants.

import { HelpTip } from './help-tip.tsx';
import type { DraftFlag } from '../logic/flag-draft.ts';
import { issuesUnder, messageIdFor, type Issue } from '../logic/problems.ts';
import { checkedOf, valueOf } from './dom.ts';
import type { Editor } from './editor-state.ts';

function parseJsonish(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function IssueList({ issues, pointer }: { issues: readonly Issue[]; pointer: string }) {
  const found = issuesUnder(issues, pointer);
  return <div id={messageIdFor(pointer)} class="issues">{found.map((i) => <p class="error" data-error-path={i.path}>{i.message}</p>)}</div>;
}

export function FlagSettings({ editor }: { editor: Editor }) {
  const flag = editor.draft.value;
  const issues = [...(editor.validation.value?.errors ?? []), ...editor.saveIssues.value];
  const set = (patch: Partial<DraftFlag>, coalesce?: string) => editor.update((f) => ({ ...f, ...patch }), coalesce);
  const variants = Object.entries(flag.variants);
  const setVariants = (entries: [string, unknown][], coalesce?: string) => set({ variants: Object.fromEntries(entries) as DraftFlag['variants'] }, coalesce);
  const text = (id: string, label: string, value: string, onInput: (v: string) => void, pointer: string) =>
    (
      <div class="field">
        <label for={id}>{label}</label>
        <input id={id} value={value} aria-describedby={messageIdFor(pointer)} onInput={(e: Event) => onInput(valueOf(e))} />
        <IssueList issues={issues} pointer={pointer} />
      </div>
    );
  return (
    <section class="settings" aria-labelledby="settings-title">
      <h2 id="settings-title">Flag</h2>
      <label class="switch">
        <input type="checkbox" role="switch" checked={flag.enabled} onChange={(e: Event) => set({ enabled: checkedOf(e) })} />
        {flag.enabled ? ' Enabled: rules decide' : ' Disabled: everyone gets the off variant'}
      </label>
      <div class="with-help">
        <label class="switch">
          <input type="checkbox" role="switch" checked={flag.clientVisible === true} onChange={(e: Event) => set({ clientVisible: checkedOf(e) })} />
          {flag.clientVisible ? ' Visible to client keys: browsers may evaluate it' : ' Server keys only: client (browser) keys never see it'}
        </label>
        <HelpTip topic="client visibility">
          Client keys live in browsers and apps, where anyone can read what they receive. Only flags marked visible are sent to them, with their rules; keep this off for flags whose rules or values must stay on your servers.
        </HelpTip>
      </div>
      {text('flag-name', 'Name', flag.name ?? '', (v) => set({ name: v }, 'name'), '/name')}
      {text('flag-description', 'Description', flag.description ?? '', (v) => set({ description: v }, 'description'), '/description')}
      {text('flag-tags', 'Tags (comma separated)', (flag.tags ?? []).join(', '), (v) => set({ tags: v.split(',').map((t) => t.trim()).filter((t) => t.length > 0) }, 'tags'), '/tags')}
      {text('flag-owner', 'Owner', flag.owner ?? '', (v) => set({ owner: v }, 'owner'), '/owner')}
      <fieldset class="variants" id="flag-variants" tabIndex={-1}>
        <legend>Variants</legend>
        {variants.map(([key, value], i) => <div class="variant-row" key={i}>
          <label class="visually-hidden" for={`variant-${i}-key`}>{`Variant ${i + 1} key`}</label>
          <input id={`variant-${i}-key`} class="narrow" value={key} onInput={(e: Event) => setVariants(variants.map(([k, v], j) => (j === i ? [valueOf(e), v] : [k, v])), `variant-${i}-key`)} />
          <label class="visually-hidden" for={`variant-${i}-value`}>{`Variant ${i + 1} value (JSON)`}</label>
          <input id={`variant-${i}-value`} class="mono" value={JSON.stringify(value)} onInput={(e: Event) => setVariants(variants.map(([k, v], j) => (j === i ? [k, parseJsonish(valueOf(e))] : [k, v])), `variant-${i}-value`)} />
          <button type="button" class="danger" aria-label={`Remove variant ${key}`} onClick={() => setVariants(variants.filter((_, j) => j !== i))}>
            ×
          </button>
        </div>)}
        <button type="button" onClick={() => setVariants([...variants, [`variant-${variants.length + 1}`, `variant-${variants.length + 1}`]])}>
          + Variant
        </button>
        <IssueList issues={issues} pointer="/variants" />
      </fieldset>
      {(['defaultVariant', 'offVariant'] as const).map((name) => <div class="field">
        <label for={`flag-${name}`}>{name === 'defaultVariant' ? 'Default variant (no rule matched)' : 'Off variant (disabled)'}</label>
        <select id={`flag-${name}`} value={flag[name]} aria-describedby={messageIdFor(`/${name}`)} onChange={(e: Event) => set({ [name]: valueOf(e) })}>
          {variants.map(([k]) => <option value={k}>{k}</option>)}
        </select>
        <IssueList issues={issues} pointer={`/${name}`} />
      </div>)}
    </section>
  );
}
