// How many users got each variant (a bar each), by rule and by reason.

import type { PreviewAnswer } from '../../api/shapes.ts';
import { pct } from './format.ts';

export function PreviewSummary({ answer }: { answer: PreviewAnswer }) {
  const s = answer.summary;
  return (
    <section aria-labelledby="summary-title" class="summary" data-preview-users={s.users}>
      <h2 id="summary-title">{`${s.users} users`}</h2>
      <ul class="shares">
        {s.variants.map((v) => (
          <li>
            <span class="label">{v.variant}</span>
            <span class="bar" aria-hidden="true"><span style={{ width: pct(v.share) }} /></span>
            {` ${v.count} (${pct(v.share)})`}
          </li>
        ))}
      </ul>
      <p class="muted">
        {'By rule: '}
        {s.rules.map((r) => `${r.ruleId} ${r.count}`).join(' · ')}
        {' · reasons: '}
        {s.reasons.map((r) => `${r.reason} ${r.count}`).join(' · ')}
      </p>
    </section>
  );
}
