// The flag in each environment side by side: on or off, default variant, rules in words, version.

import { formatDateTime } from '../../logic/dates.ts';
import type { CompareRow } from '../../logic/environment-compare.ts';
import { hashOf } from '../../logic/route.ts';

function RowCells({ row, flagKey }: { row: CompareRow; flagKey: string }) {
  if (!row.present) return <td colSpan={4} class="muted">{`No flag ${flagKey} in ${row.env}`}</td>;
  return (
    <>
      <td><span class={`badge ${row.enabled ? 'on' : 'off'}`}>{row.enabled ? 'Enabled' : 'Disabled'}</span></td>
      <td>{row.defaultVariant ?? '–'}</td>
      <td>{row.rules.length === 0 ? <span class="muted">No rules</span> : <ol class="rule-words">{row.rules.map((r) => <li>{r}</li>)}</ol>}</td>
      <td>
        {`Version ${row.version}`}
        {row.updatedAt ? <div class="muted"><time dateTime={row.updatedAt}>{formatDateTime(row.updatedAt)}</time>{` by ${row.updatedBy ?? '?'}`}</div> : null}
      </td>
    </>
  );
}

export function CompareTable({ rows, flagKey, reference }: { rows: readonly CompareRow[]; flagKey: string; reference: string }) {
  return (
    <div class="table-wrap" tabIndex={0}>
      <table class="compare">
        <caption class="visually-hidden">{`${flagKey} in ${rows.length} environments`}</caption>
        <thead>
          <tr>
            <th scope="col">Environment</th>
            <th scope="col">State</th>
            <th scope="col">Default</th>
            <th scope="col">Rules</th>
            <th scope="col">Version</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.env} data-env={row.env} data-differs={row.differs ? 'true' : 'false'}>
              <th scope="row">
                {row.present ? <a href={hashOf({ screen: 'editor', env: row.env, key: flagKey, isNew: false })}>{row.env}</a> : row.env}
                {row.env === reference ? <div class="muted">shown environment</div> : row.differs ? <div><span class="badge differs">differs</span></div> : <div class="muted">same</div>}
              </th>
              <RowCells row={row} flagKey={flagKey} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
