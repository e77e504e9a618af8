// The Releases tab of a saved flag: guarded releases (start one on a rule with a split, or follow
// and steer the one running; earlier plans to pick from) and the flag's scheduled changes.

import { useEffect, useMemo } from 'preact/hooks';
import { statusWords } from '../../logic/release-words.ts';
import { formatDateTime } from '../../logic/dates.ts';
import { useApp } from '../app-state.ts';
import { valueOf } from '../dom.ts';
import type { Editor } from '../editor-state.ts';
import { SchedulesPanel } from '../schedules/schedules-panel.tsx';
import { PlanEditor } from './plan-editor.tsx';
import { PlanView } from './plan-view.tsx';
import { createReleasesState, type ReleasesState } from './releases-state.ts';

/** How often an open plan is read again while its tab is shown. */
const FOLLOW_MS = 30_000;

function PlanPicker({ releases }: { releases: ReleasesState }) {
  const plans = releases.plans.value ?? [];
  if (plans.length < 2) return null;
  return (
    <div class="field inline">
      <label for="plan-pick">Release</label>
      <select id="plan-pick" value={releases.shown.value?.id ?? ''} onChange={(e: Event) => (releases.shownId.value = valueOf(e))}>
        {plans.map((p) => <option value={p.id} key={p.id}>{`${p.id}: ${statusWords(p.status)}, created ${formatDateTime(p.createdAt)}`}</option>)}
      </select>
    </div>
  );
}

function Releases({ releases, editorVersion }: { releases: ReleasesState; editorVersion: number }) {
  const { canEdit } = useApp();
  if (releases.form.value) return <PlanEditor releases={releases} />;
  const plans = releases.plans.value;
  const shown = releases.shown.value;
  const canStart = canEdit.value && releases.open.value === null && releases.rules.value.length > 0;
  return (
    <>
      {releases.loadError.value ? <p class="error" role="alert">{releases.loadError.value}</p> : null}
      {plans === null && !releases.loadError.value ? <p>Loading releases…</p> : null}
      {releases.rules.value.length === 0 ? <p class="hint">A guarded release moves a rule's split step by step: give a rule a split of two variants and save the flag to start one.</p> : null}
      {canStart ? <button type="button" class="primary" onClick={releases.startEditing}>Start a guarded release</button> : null}
      {plans !== null && plans.length === 0 ? <p class="hint">No release of this flag yet.</p> : null}
      <PlanPicker releases={releases} />
      {shown ? <PlanView plan={shown} releases={releases} editorVersion={editorVersion} /> : null}
    </>
  );
}

export function ReleasesPanel({ editor }: { editor: Editor }) {
  const app = useApp();
  const releases = useMemo(() => createReleasesState(app, editor), [app, editor]);
  useEffect(() => void releases.load(), [releases]);
  // The minute run moves an open plan: read it again now and then while the tab is open.
  const following = releases.open.value !== null && releases.form.value === null;
  useEffect(() => {
    if (!following) return;
    const timer = setInterval(() => void releases.load(), FOLLOW_MS);
    return () => clearInterval(timer);
  }, [releases, following]);
  if (editor.version.value === 0) return <p>Save the flag first: releases and schedules act on the stored flag.</p>;
  return (
    <div class="releases">
      <section aria-labelledby="releases-title">
        <h2 id="releases-title">Guarded releases</h2>
        <Releases releases={releases} editorVersion={editor.version.value} />
      </section>
      <SchedulesPanel editor={editor} />
    </div>
  );
}
