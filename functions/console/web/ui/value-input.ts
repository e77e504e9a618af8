// The value input of a clause, chosen by its operator: text, multi-select with paste of many
// values, number and number range, dates (local picker or relative "now-30d"), time windows
// with days and IANA zone, semver, regex with a tester, radius and rollout.

import { h } from 'preact';
import { zoneName } from '../logic/dates.ts';
import { useState } from 'preact/hooks';
import type { Operator, AttributeType } from '../../../../shared/rules/index.ts';
import { inputFor, scalarFromText, splitPastedValues } from '../logic/operator-inputs.ts';
import { valueOf } from './dom.ts';
import { RegexTester } from './regex-tester.ts';

type Props = {
  id: string;
  op: Operator;
  value: unknown;
  type: AttributeType | undefined;
  allowed?: readonly (string | number | boolean)[] | undefined;
  describedBy: string;
  invalid: boolean;
  onChange: (value: unknown, coalesce?: string) => void;
};

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const ZONES = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : ['UTC', 'Europe/Berlin', 'America/New_York'];

const text = (v: unknown) => (v === undefined || v === null ? '' : typeof v === 'string' ? v : JSON.stringify(v));

function ListInput({ id, value, type, allowed, describedBy, invalid, onChange }: Props) {
  const list = Array.isArray(value) ? (value as unknown[]) : [];
  const [entry, setEntry] = useState('');
  const add = (values: string[]) => {
    const next = [...list];
    for (const v of values.map((x) => scalarFromText(x, type))) if (!next.includes(v)) next.push(v);
    onChange(next);
    setEntry('');
  };
  return h('div', { class: 'list-input' },
    h('ul', { class: 'chips', 'aria-label': 'Values' }, list.map((v, i) =>
      h('li', { class: 'chip' }, text(v), h('button', { type: 'button', 'aria-label': `Remove ${text(v)}`, onClick: () => onChange(list.filter((_, j) => j !== i)) }, '×')))),
    h('input', {
      id, value: entry, list: allowed ? `${id}-allowed` : undefined, 'aria-describedby': describedBy, 'aria-invalid': invalid ? 'true' : 'false',
      placeholder: 'Type and press Enter, or paste many',
      onInput: (e: Event) => setEntry(valueOf(e)),
      onKeyDown: (e: KeyboardEvent) => { if (e.key === 'Enter' && entry.trim()) { e.preventDefault(); add([entry.trim()]); } },
      onPaste: (e: ClipboardEvent) => {
        const pasted = e.clipboardData?.getData('text') ?? '';
        const values = splitPastedValues(pasted);
        if (values.length > 1) { e.preventDefault(); add(values); }
      },
    }),
    allowed ? h('datalist', { id: `${id}-allowed` }, allowed.map((a) => h('option', { value: String(a) }))) : null);
}

/** `datetime-local` shows the browser's zone; the value stored is RFC 3339 with an offset. */
function DateInput({ id, value, describedBy, invalid, onChange, label }: { id: string; value: unknown; describedBy: string; invalid: boolean; onChange: (v: unknown) => void; label?: string }) {
  const raw = text(value);
  const date = typeof value === 'string' && !raw.startsWith('now') ? new Date(raw) : undefined;
  const local = date && !Number.isNaN(date.getTime()) ? new Date(date.getTime() - date.getTimezoneOffset() * 60000).toISOString().slice(0, 16) : '';
  return h('span', { class: 'date-input' },
    h('input', { id, type: 'datetime-local', value: local, title: `In your time zone (${zoneName(date && !Number.isNaN(date.getTime()) ? date : new Date())})`, 'aria-label': label, 'aria-describedby': describedBy, 'aria-invalid': invalid ? 'true' : 'false', onChange: (e: Event) => { const v = valueOf(e); if (v) onChange(new Date(v).toISOString()); } }),
    h('span', { class: 'zone', 'data-zone': '' }, zoneName(date && !Number.isNaN(date.getTime()) ? date : new Date())),
    h('input', { type: 'text', class: 'narrow', value: raw, 'aria-label': `${label ?? 'Date'} as RFC 3339 or relative (now-30d)`, onInput: (e: Event) => onChange(valueOf(e)) }));
}

export function ValueInput(props: Props) {
  const { id, op, value, type, describedBy, invalid, onChange } = props;
  const common = { id, 'aria-describedby': describedBy, 'aria-invalid': invalid ? 'true' : 'false' };
  const pair = Array.isArray(value) ? (value as unknown[]) : [undefined, undefined];
  const obj = (typeof value === 'object' && value !== null && !Array.isArray(value) ? value : {}) as Record<string, unknown>;
  switch (inputFor(op)) {
    case 'none': return h('span', { class: 'muted', id }, 'no value');
    case 'list': return h(ListInput, props);
    case 'number': return h('input', { ...common, type: 'number', value: text(value), onInput: (e: Event) => onChange(valueOf(e) === '' ? '' : Number(valueOf(e)), id) });
    case 'numberRange':
      return h('span', { class: 'range' },
        h('input', { ...common, type: 'number', 'aria-label': 'Minimum (inclusive)', value: text(pair[0]), onInput: (e: Event) => onChange([Number(valueOf(e)), pair[1]], `${id}-0`) }), ' to ',
        h('input', { type: 'number', 'aria-label': 'Maximum (inclusive)', value: text(pair[1]), onInput: (e: Event) => onChange([pair[0], Number(valueOf(e))], `${id}-1`) }));
    case 'date': return h(DateInput, { id, value, describedBy, invalid, onChange, label: 'Date' });
    case 'dateRange':
      return h('span', { class: 'range' },
        h(DateInput, { id, value: pair[0], describedBy, invalid, label: 'Start', onChange: (v) => onChange([v, pair[1]]) }), ' to ',
        h(DateInput, { id: `${id}-end`, value: pair[1], describedBy, invalid, label: 'End', onChange: (v) => onChange([pair[0], v]) }));
    case 'timeWindow': {
      const days = Array.isArray(obj.days) ? (obj.days as string[]) : [];
      return h('div', { class: 'time-window', role: 'group', 'aria-label': 'Time window', id },
        h('div', { class: 'days' }, DAYS.map((d) => h('label', { class: 'day' }, h('input', { type: 'checkbox', checked: days.includes(d), onChange: () => onChange({ ...obj, days: days.includes(d) ? days.filter((x) => x !== d) : DAYS.filter((x) => x === d || days.includes(x)) }) }), d))),
        h('label', null, 'From ', h('input', { type: 'time', value: text(obj.from), onChange: (e: Event) => onChange({ ...obj, from: valueOf(e) }) })),
        h('label', null, ' to ', h('input', { type: 'time', value: text(obj.to), onChange: (e: Event) => onChange({ ...obj, to: valueOf(e) }) })),
        h('label', null, ' Time zone ', h('input', { list: `${id}-zones`, value: text(obj.tz), 'aria-describedby': describedBy, onInput: (e: Event) => onChange({ ...obj, tz: valueOf(e) }, `${id}-tz`) })),
        h('datalist', { id: `${id}-zones` }, ZONES.map((z) => h('option', { value: z }))));
    }
    case 'semver': return h('input', { ...common, value: text(value), placeholder: '2.3.0', pattern: 'v?\\d+\\.\\d+\\.\\d+.*', onInput: (e: Event) => onChange(valueOf(e), id) });
    case 'semverRange':
      return h('span', { class: 'range' },
        h('input', { ...common, 'aria-label': 'Lowest version (inclusive)', value: text(pair[0]), onInput: (e: Event) => onChange([valueOf(e), pair[1]], `${id}-0`) }), ' to ',
        h('input', { 'aria-label': 'Highest version (inclusive)', value: text(pair[1]), onInput: (e: Event) => onChange([pair[0], valueOf(e)], `${id}-1`) }));
    case 'regex': return h(RegexTester, { id, pattern: typeof value === 'string' ? value : '', describedBy, invalid, onChange: (v: string) => onChange(v, id) });
    case 'geo':
      return h('span', { class: 'range', id, role: 'group', 'aria-label': 'Centre and radius' }, (['lat', 'lon', 'km'] as const).map((k) =>
        h('label', null, `${k} `, h('input', { type: 'number', step: 'any', class: 'narrow', value: text(obj[k]), onInput: (e: Event) => onChange({ ...obj, [k]: Number(valueOf(e)) }, `${id}-${k}`) }))));
    case 'rollout':
      return h('span', { class: 'range', id, role: 'group', 'aria-label': 'Rollout' },
        h('label', null, 'salt ', h('input', { class: 'narrow', value: text(obj.salt), onInput: (e: Event) => onChange({ ...obj, salt: valueOf(e) }, `${id}-salt`) })),
        h('label', null, ' percent ', h('input', { type: 'number', min: 0, max: 100, step: 'any', class: 'narrow', value: text(obj.percent), onInput: (e: Event) => onChange({ ...obj, percent: Number(valueOf(e)) }, `${id}-pct`) })));
    default: {
      const allowed = props.allowed;
      return h('span', null,
        h('input', { ...common, value: text(value), list: allowed ? `${id}-allowed` : undefined, onInput: (e: Event) => onChange(scalarFromText(valueOf(e), type), id) }),
        allowed ? h('datalist', { id: `${id}-allowed` }, allowed.map((a) => h('option', { value: String(a) }))) : null);
    }
  }
}
