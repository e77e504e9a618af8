// Contextual help: a small "?" next to a field that is not obvious, opening a sentence or two
// about it in place (a disclosure: keyboard and screen readers get it as a button that expands).

import type { ComponentChildren } from 'preact';
import { Icon } from './icons.tsx';

export function HelpTip({ topic, children }: { topic: string; children: ComponentChildren }) {
  return (
    <details class="help">
      <summary>
        <Icon name="help" />
        <span class="visually-hidden">{`What is ${topic}?`}</span>
      </summary>
      <p class="help-text">{children}</p>
    </details>
  );
}
