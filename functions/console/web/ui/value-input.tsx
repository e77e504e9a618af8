// The value input of a clause, chosen by its operator: text, multi-select with paste of many
// values, number and number range, dates (local picker or relative "now-30d"), time windows
// with days and IANA zone, semver, regex with a tester, radius and rollout.

import { zoneName } from '../logic/dates.ts';
import { useSignal } from '@preact/signals';
import type { Operator, AttributeType } from '../../../../shared/rules/index.ts';
import { inputFor, scalarFromText, splitPastedValues } from '../logic/operator-inputs.ts';
import type { ValueOption } from '../logic/value-domains.ts';
import { valueOf } from './dom.ts';
import { RegexTester } from './regex-tester.tsx';

type Props = {
  id: string;
  op: Operator;
  value: unknown;
  type: AttributeType | undefined;
  /** Values to pick from (a datalist): the allowed values, or the countries, device types, browsers, OS names an attribute holds. */
  options?: readonly ValueOption[] | undefined;
  describedBy: string;
  invalid: boolean;
  onChange: (value: unknown, coalesce?: string) => void;
};

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const ZONES = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : ['UTC', 'Europe/Berlin', 'America/New_York'];

const text = (v: unknown) => (v === undefined || v === null ? '' : typeof v === 'string' ? v : JSON.stringify(v));

function OptionList({ id, options }: { id: string; options: readonly ValueOption[] }) {
  return <datalist id={id}>{options.map((o) => <option value={o.value}>{o.label}</option>)}</datalist>;
}

function ListInput({ id, value, type, options, describedBy, invalid, onChange }: Props) {
  const list = Array.isArray(value) ? (value as unknown[]) : [];
  const entry = useSignal('');
  const add = (values: string[]) => {
    const next = [...list];
    for (const v of values.map((x) => scalarFromText(x, type))) if (!next.includes(v)) next.push(v);
    onChange(next);
    entry.value = '';
  };
  return (
    <div class="list-input">
      <ul class="chips" aria-label="Values">
        {list.map((v, i) =>
        <li class="chip">
          {text(v)}
          <button type="button" aria-label={`Remove ${text(v)}`} onClick={() => onChange(list.filter((_, j) => j !== i))}>×</button>
        </li>)}
      </ul>
      <input id={id} value={entry.value} list={options ? `${id}-options` : undefined} aria-describedby={describedBy} aria-invalid={invalid ? 'true' : 'false'} placeholder="Type and press Enter, or paste many" onInput={(e: Event) => (entry.value = valueOf(e))} onKeyDown={(e: KeyboardEvent) => { if (e.key === 'Enter' && entry.value.trim()) { e.preventDefault(); add([entry.value.trim()]); } }} onPaste={(e: ClipboardEvent) => {
          const pasted = e.clipboardData?.getData('text') ?? '';
          const values = splitPastedValues(pasted);
          if (values.length > 1) { e.preventDefault(); add(values); }
        }} />
      {options ? <OptionList id={`${id}-options`} options={options} /> : null}
    </div>
  );
}

/** `datetime-local` shows the browser's zone; the value stored is RFC 3339 with an offset. */
function DateInput({ id, value, describedBy, invalid, onChange, label }: { id: string; value: unknown; describedBy: string; invalid: boolean; onChange: (v: unknown) => void; label?: string }) {
  const raw = text(value);
  const date = typeof value === 'string' && !raw.startsWith('now') ? new Date(raw) : undefined;
  const local = date && !Number.isNaN(date.getTime()) ? new Date(date.getTime() - date.getTimezoneOffset() * 60000).toISOString().slice(0, 16) : '';
  return (
    <span class="date-input">
      <input id={id} type="datetime-local" value={local} title={`In your time zone (${zoneName(date && !Number.isNaN(date.getTime()) ? date : new Date())})`} aria-label={label} aria-describedby={describedBy} aria-invalid={invalid ? 'true' : 'false'} onChange={(e: Event) => { const v = valueOf(e); if (v) onChange(new Date(v).toISOString()); }} />
      <span class="zone" data-zone="">{zoneName(date && !Number.isNaN(date.getTime()) ? date : new Date())}</span>
      <input type="text" class="narrow" value={raw} aria-label={`${label ?? 'Date'} as RFC 3339 or relative (now-30d)`} onInput={(e: Event) => onChange(valueOf(e))} />
    </span>
  );
}

export function ValueInput(props: Props) {
  const { id, op, value, type, describedBy, invalid, onChange } = props;
  const common = { id, 'aria-describedby': describedBy, 'aria-invalid': invalid ? ('true' as const) : ('false' as const) };
  const pair = Array.isArray(value) ? (value as unknown[]) : [undefined, undefined];
  const obj = (typeof value === 'object' && value !== null && !Array.isArray(value) ? value : {}) as Record<string, unknown>;
  switch (inputFor(op)) {
    case 'none': return <span class="muted" id={id}>no value</span>;
    case 'list': return <ListInput {...props} />;
    case 'number': return <input {...common} type="number" value={text(value)} onInput={(e: Event) => onChange(valueOf(e) === '' ? '' : Number(valueOf(e)), id)} />;
    case 'numberRange':
      return (
        <span class="range">
          <input {...common} type="number" aria-label="Minimum (inclusive)" value={text(pair[0])} onInput={(e: Event) => onChange([Number(valueOf(e)), pair[1]], `${id}-0`)} />
          {' to '}
          <input type="number" aria-label="Maximum (inclusive)" value={text(pair[1])} onInput={(e: Event) => onChange([pair[0], Number(valueOf(e))], `${id}-1`)} />
        </span>
      );
    case 'date': return <DateInput id={id} value={value} describedBy={describedBy} invalid={invalid} onChange={onChange} label="Date" />;
    case 'dateRange':
      return (
        <span class="range">
          <DateInput id={id} value={pair[0]} describedBy={describedBy} invalid={invalid} label="Start" onChange={(v) => onChange([v, pair[1]])} />
          {' to '}
          <DateInput id={`${id}-end`} value={pair[1]} describedBy={describedBy} invalid={invalid} label="End" onChange={(v) => onChange([pair[0], v])} />
        </span>
      );
    case 'timeWindow': {
      const days = Array.isArray(obj.days) ? (obj.days as string[]) : [];
      return (
        <div class="time-window" role="group" aria-label="Time window" id={id}>
          <div class="days">
            {DAYS.map((d) => <label class="day">
              <input type="checkbox" checked={days.includes(d)} onChange={() => onChange({ ...obj, days: days.includes(d) ? days.filter((x) => x !== d) : DAYS.filter((x) => x === d || days.includes(x)) })} />
              {d}
            </label>)}
          </div>
          <label>{'From '}<input type="time" value={text(obj.from)} onChange={(e: Event) => onChange({ ...obj, from: valueOf(e) })} /></label>
          <label>{' to '}<input type="time" value={text(obj.to)} onChange={(e: Event) => onChange({ ...obj, to: valueOf(e) })} /></label>
          <label>
            {' Time zone '}
            <input list={`${id}-zones`} value={text(obj.tz)} aria-describedby={describedBy} onInput={(e: Event) => onChange({ ...obj, tz: valueOf(e) }, `${id}-tz`)} />
          </label>
          <datalist id={`${id}-zones`}>{ZONES.map((z) => <option value={z} />)}</datalist>
        </div>
      );
    }
    case 'semver': return <input {...common} value={text(value)} placeholder="2.3.0" pattern={'v?\\d+\\.\\d+\\.\\d+.*'} onInput={(e: Event) => onChange(valueOf(e), id)} />;
    case 'semverRange':
      return (
        <span class="range">
          <input {...common} aria-label="Lowest version (inclusive)" value={text(pair[0])} onInput={(e: Event) => onChange([valueOf(e), pair[1]], `${id}-0`)} />
          {' to '}
          <input aria-label="Highest version (inclusive)" value={text(pair[1])} onInput={(e: Event) => onChange([pair[0], valueOf(e)], `${id}-1`)} />
        </span>
      );
    case 'regex': return <RegexTester id={id} pattern={typeof value === 'string' ? value : ''} describedBy={describedBy} invalid={invalid} onChange={(v: string) => onChange(v, id)} />;
    case 'geo':
      return (
        <span class="range" id={id} role="group" aria-label="Centre and radius">
          {(['lat', 'lon', 'km'] as const).map((k) =>
          <label>
            {`${k} `}
            <input type="number" step="any" class="narrow" value={text(obj[k])} onInput={(e: Event) => onChange({ ...obj, [k]: Number(valueOf(e)) }, `${id}-${k}`)} />
          </label>)}
        </span>
      );
    case 'rollout':
      return (
        <span class="range" id={id} role="group" aria-label="Rollout">
          <label>
            {'salt '}
            <input class="narrow" value={text(obj.salt)} onInput={(e: Event) => onChange({ ...obj, salt: valueOf(e) }, `${id}-salt`)} />
          </label>
          <label>
            {' percent '}
            <input type="number" min={0} max={100} step="any" class="narrow" value={text(obj.percent)} onInput={(e: Event) => onChange({ ...obj, percent: Number(valueOf(e)) }, `${id}-pct`)} />
          </label>
        </span>
      );
    default: {
      const options = props.options;
      return (
        <span>
          <input {...common} value={text(value)} list={options ? `${id}-options` : undefined} onInput={(e: Event) => onChange(scalarFromText(valueOf(e), type), id)} />
          {options ? <OptionList id={`${id}-options`} options={options} /> : null}
        </span>
      );
    }
  }
}
