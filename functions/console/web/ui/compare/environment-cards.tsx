// The flag in each environment side by side, one card per environment (columns on a wide screen,
// stacked on a phone): on or off, default variant, rules in words, version and last change.

import { formatDateTime } from '../../logic/dates.ts';
import type { CompareRow } from '../../logic/environment-compare.ts';
import { hashOf } from '../../logic/route.ts';

function Facts({ row }: { row: CompareRow }) {
  return (
    <dl class="facts">
      <dt>State</dt>
      <dd><span class={`badge ${row.enabled ? 'on' : 'off'}`}>{row.enabled ? 'Enabled' : 'Disabled'}</span></dd>
      <dt>Default variant</dt>
      <dd>{row.defaultVariant ?? '–'}</dd>
      <dt>Rules</dt>
      <dd>{row.rules.length === 0 ? 'No rules' : <ol class="rule-words">{row.rules.map((r) => <li>{r}</li>)}</ol>}</dd>
      <dt>Version</dt>
      <dd>
        {`Version ${row.version}`}
        {row.updatedAt ? <div class="muted"><time dateTime={row.updatedAt}>{formatDateTime(row.updatedAt)}</time>{` by ${row.updatedBy ?? '?'}`}</div> : null}
      </dd>
    </dl>
  );
}

function EnvironmentCard({ row, flagKey, reference }: { row: CompareRow; flagKey: string; reference: string }) {
  const headingId = `compare-${row.env}`;
  return (
    <li class={`env-card${row.env === reference ? ' reference' : ''}`} data-env={row.env} data-differs={row.differs ? 'true' : 'false'}>
      <h2 id={headingId}>
        {row.present ? <a href={hashOf({ screen: 'editor', env: row.env, key: flagKey, isNew: false })}>{row.env}</a> : row.env}
        {' '}
        {row.env === reference ? <span class="muted">(shown environment)</span> : row.differs ? <span class="badge differs">differs</span> : <span class="muted">(same)</span>}
      </h2>
      {row.present ? <Facts row={row} /> : <p class="muted">{`No flag ${flagKey} in ${row.env}`}</p>}
    </li>
  );
}

export function EnvironmentCards({ rows, flagKey, reference }: { rows: readonly CompareRow[]; flagKey: string; reference: string }) {
  return (
    <ul class="compare" aria-label={`${flagKey} in ${rows.length} environments`}>
      {rows.map((row) => <EnvironmentCard key={row.env} row={row} flagKey={flagKey} reference={reference} />)}
    </ul>
  );
}
