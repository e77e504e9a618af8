// The console's icons in one module: small inline SVGs (16 px, drawn with the text's colour) for
// condition kinds, operator families and actions. They decorate words, never replace them: every
// icon is aria-hidden and sits next to a label that says the same thing.


/** Each icon's strokes in a 16 × 16 box. */
const PATHS = {
  // Condition kinds.
  all: 'M3 4h10M3 8h10M3 12h10', // stacked lines: every one holds
  any: 'M4 4l4 4-4 4M9 12h4', // a branch: one is enough
  not: 'M3.5 12.5l9-9M8 2.5a5.5 5.5 0 1 1 0 11 5.5 5.5 0 0 1 0-11z',
  segment: 'M2.5 5.5h11v7h-11zM5 5.5V3.5h6v2',
  clause: 'M3 8h10M10 5l3 3-3 3',
  // Operator families.
  equality: 'M3.5 6h9M3.5 10h9',
  string: 'M3 13l3.5-10L10 13M4.3 9.5h4.4M11 13V8',
  number: 'M6 2.5l-1.5 11M11.5 2.5l-1.5 11M3 6h10.5M2.5 10h10.5',
  date: 'M2.5 4h11v9.5h-11zM2.5 7h11M5.5 2.5v3M10.5 2.5v3',
  semver: 'M2.5 2.5h6l5 5-6 6-5-5zM5.5 5.5h.01',
  array: 'M5.5 4h8M5.5 8h8M5.5 12h8M2.5 4h.01M2.5 8h.01M2.5 12h.01',
  presence: 'M8 2.5a5.5 5.5 0 1 1 0 11 5.5 5.5 0 0 1 0-11zM8 6.5a1.5 1.5 0 1 1 0 3 1.5 1.5 0 0 1 0-3z',
  geo: 'M8 14s4.5-4.2 4.5-7.5a4.5 4.5 0 0 0-9 0C3.5 9.8 8 14 8 14zM8 5a1.5 1.5 0 1 1 0 3 1.5 1.5 0 0 1 0-3z',
  rollout: 'M8 2.5a5.5 5.5 0 1 1-5.5 5.5H8z',
  // Actions and help.
  add: 'M8 3v10M3 8h10',
  remove: 'M4 4l8 8M12 4l-8 8',
  up: 'M8 13V3M4 7l4-4 4 4',
  down: 'M8 3v10M4 9l4 4 4-4',
  help: 'M8 1.5a6.5 6.5 0 1 1 0 13 6.5 6.5 0 0 1 0-13zM6.2 6.2a1.9 1.9 0 1 1 2.6 1.8c-.5.2-.8.6-.8 1.1v.6M8 11.6h.01',
  chart: 'M2.5 13.5h11M4 11l3-4 2.5 2 3.5-5',
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name, class: extra }: { name: IconName; class?: string }) {
  return (
    <svg class={`icon${extra ? ` ${extra}` : ''}`} width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path d={PATHS[name]} fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round" />
    </svg>
  );
}
