// A click on a warning or a change goes to the field it is about: the field that its messages
// describe, or the condition node, or the nearest enclosing thing that has a place on screen.

import { messageIdFor } from '../logic/problems.ts';

function elementAt(pointer: string): HTMLElement | null {
  const split = /^\/rules\/(\d+)\/serve\/rollout\/split\/(\d+)/.exec(pointer);
  if (split) return document.getElementById(`rule-${split[1]}-serve-w${split[2]}`);
  const variant = /^\/variants\/([^/]+)$/.exec(pointer);
  if (variant) {
    const name = variant[1]!.replace(/~1/g, '/').replace(/~0/g, '~');
    return [...document.querySelectorAll<HTMLInputElement>('.variant-row input[id$="-key"]')].find((i) => i.value === name) ?? null;
  }
  const rule = /^\/rules\/(\d+)(\/(id|serve))?$/.exec(pointer);
  if (rule) return document.getElementById(rule[3] ? `rule-${rule[1]}-${rule[3]}` : `rule-${rule[1]}`);
  const special: Record<string, string> = { '/name': 'flag-name', '/description': 'flag-description', '/tags': 'flag-tags', '/owner': 'flag-owner', '/defaultVariant': 'flag-defaultVariant', '/offVariant': 'flag-offVariant', '/variants': 'flag-variants' };
  if (special[pointer]) return document.getElementById(special[pointer]);
  return document.querySelector<HTMLElement>(`[aria-describedby~="${messageIdFor(pointer)}"]`) ?? document.querySelector<HTMLElement>(`[data-path="${CSS.escape(pointer)}"]`);
}

/** Focuses (and scrolls to) the field of a pointer, or of the nearest pointer above it; false when none is on screen. */
export function goToField(pointer: string): boolean {
  for (let p = pointer; p.length > 0; p = p.slice(0, p.lastIndexOf('/'))) {
    const el = elementAt(p);
    if (el) {
      el.scrollIntoView({ block: 'center' });
      el.focus();
      return true;
    }
  }
  const settings = document.getElementById('settings-title');
  settings?.scrollIntoView();
  return false;
}
