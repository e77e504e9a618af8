// The users to preview: pasted (CSV with a header row, a JSON array, JSON lines) or generated.

import { useSignal } from '@preact/signals';
import { parseUsers } from '../../logic/csv-users.ts';
import { generateUsers } from '../../logic/generate-users.ts';
import { valueOf } from '../dom.ts';
import type { PreviewState } from './preview-state.ts';

export function TestUsers({ preview }: { preview: PreviewState }) {
  const text = useSignal('targetingKey,plan,geo.country,appVersion\nu1,pro,DE,2.4.0\nu2,free,US,2.1.0');
  const count = useSignal(1000);
  const fromText = () => {
    const parsed = parseUsers(text.value);
    if (parsed.errors.length > 0 || parsed.users.length === 0) {
      preview.problems.value = parsed.errors.length ? parsed.errors : ['no users: paste CSV with a header row, a JSON array, or JSON lines'];
      return;
    }
    void preview.run(parsed.users);
  };
  const problems = preview.problems.value;
  return (
    <section aria-labelledby="users-title">
      <h2 id="users-title">Test users</h2>
      <label for="preview-users">Paste CSV (header row of attribute paths), a JSON array or JSON lines</label>
      <textarea id="preview-users" rows={5} class="mono" value={text.value} onInput={(e: Event) => (text.value = valueOf(e))} />
      <div class="actions">
        <button type="button" class="primary" onClick={fromText}>Preview these users</button>
        <label for="generate-count">or generate</label>
        <input id="generate-count" type="number" min={1} max={10000} class="narrow" value={count.value} onInput={(e: Event) => (count.value = Number(valueOf(e)))} />
        <button type="button" id="generate-users" onClick={() => void preview.run(generateUsers(Math.max(1, Math.min(10000, count.value))))}>Generate and preview</button>
      </div>
      {problems.length ? <ul class="error" role="alert">{problems.map((p) => <li>{p}</li>)}</ul> : null}
    </section>
  );
}
