// Promote the flag of the shown environment to another one: choose the target, read what would
// change there in words, then copy or cancel. Nothing is copied without the review.

import { useSignal } from '@preact/signals';
import { useApp } from '../app-state.ts';
import { valueOf } from '../dom.ts';
import type { CompareState } from './compare-state.ts';

function Review({ compare, flagKey }: { compare: CompareState; flagKey: string }) {
  const p = compare.review.value!;
  const nothing = !p.creates && p.changes.length === 0;
  return (
    <section class="promotion" aria-labelledby="promotion-title" data-promotion={p.to}>
      <h3 id="promotion-title">{`Promote ${flagKey} from ${p.from} to ${p.to}`}</h3>
      {p.creates ? <p>{`${p.to} has no flag ${flagKey}: the copy creates it as it is in ${p.from}.`}</p> : null}
      {nothing ? <p>{`Nothing to promote: ${p.to} holds the same flag as ${p.from}.`}</p> : null}
      {p.changes.length ? (
        <>
          <p>{`What changes in ${p.to}:`}</p>
          <ul class="promotion-changes">{p.changes.map((c) => <li class="change">{c.text}</li>)}</ul>
        </>
      ) : null}
      <div class="actions">
        {nothing ? null : <button type="button" class="primary" disabled={compare.busy.value} onClick={() => void compare.promote()}>{`Copy to ${p.to}`}</button>}
        <button type="button" onClick={() => (compare.review.value = null)}>{nothing ? 'Close' : 'Cancel'}</button>
      </div>
    </section>
  );
}

export function PromotePanel({ compare, flagKey }: { compare: CompareState; flagKey: string }) {
  const { environment, environments, canEdit } = useApp();
  const from = environment.value;
  const targets = environments.value.map((e) => e.key).filter((k) => k !== from);
  const target = useSignal('');
  const chosen = targets.includes(target.value) ? target.value : (targets[0] ?? '');
  const present = compare.rows.value?.find((r) => r.env === from)?.present === true;
  if (!canEdit.value) return null;
  return (
    <section aria-labelledby="promote-title">
      <h2 id="promote-title">Promote</h2>
      {!present ? <p>{`No flag ${flagKey} in ${from} to promote.`}</p> : targets.length === 0 ? <p>There is no other environment to promote to.</p> : (
        <div class="actions">
          <label for="promote-target">{`Copy ${flagKey} from ${from} to`}</label>
          <select id="promote-target" value={chosen} onChange={(e: Event) => (target.value = valueOf(e))}>
            {targets.map((k) => <option value={k}>{k}</option>)}
          </select>
          <button type="button" onClick={() => void compare.reviewPromotion(chosen)}>Review changes</button>
        </div>
      )}
      {compare.review.value ? <Review compare={compare} flagKey={flagKey} /> : null}
    </section>
  );
}
