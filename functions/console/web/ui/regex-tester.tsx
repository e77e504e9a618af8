// A regex field with a tester: sample strings and whether each matches, plus the validate API's
// verdict (RE2 dialect; lookaround and backreferences refused). The browser's own RegExp only
// previews samples; the verdict, and every real match, comes from the server's RE2 engine.

import { useSignal } from '@preact/signals';
import { PreviewShape, ValidateShape } from '../api/shapes.ts';
import { useApp } from './app-state.ts';
import { valueOf } from './dom.ts';

type Props = { id: string; pattern: string; describedBy: string; invalid: boolean; onChange: (pattern: string) => void };

export function RegexTester({ id, pattern, describedBy, invalid, onChange }: Props) {
  const samples = useSignal('alice@example.com\nbob@mail.test');
  const results = useSignal<readonly { sample: string; matches: boolean }[] | null>(null);
  const verdict = useSignal<string | null>(null);
  const { client, environment } = useApp();
  const test = async () => {
    const list = samples.value.split('\n').filter((s) => s.length > 0).slice(0, 20);
    // The server decides: a preview of a one-rule flag per sample uses the same engine as evaluate.
    const flag = { key: 'regex-test', enabled: true, variants: { yes: true, no: false }, offVariant: 'no', defaultVariant: 'no', rules: [{ id: 'r', when: { attr: 'sample', op: 'matches', value: pattern }, serve: { variant: 'yes' } }] };
    const c = client.value;
    const env = `?environment=${encodeURIComponent(environment.value)}`;
    try {
      const v = await c.call('validate', `/v1/rules/validate${env}`, ValidateShape, { body: { condition: flag.rules[0]!.when } });
      verdict.value = v.valid ? 'Valid RE2 pattern (linear time)' : `Refused: ${v.errors.map((e) => e.message).join('; ')}`;
      if (!v.valid) return void (results.value = null);
      const answer = await c.call('preview', `/v1/rules/preview${env}`, PreviewShape, { body: { flag, users: list.map((sample, i) => ({ targetingKey: `s${i}`, sample })), trace: false } });
      results.value = answer.results.map((r, i) => ({ sample: list[i]!, matches: r.variant === 'yes' }));
    } catch (err) {
      verdict.value = `Could not test: ${(err as Error).message}`;
    }
  };
  return (
    <div class="regex">
      <input id={id} value={pattern} class="mono" aria-describedby={describedBy} aria-invalid={invalid ? 'true' : 'false'} placeholder={'^[a-z]+@example\\.com$'} onInput={(e: Event) => onChange(valueOf(e))} />
      <details>
        <summary>Test this pattern</summary>
        <label for={`${id}-samples`}>Sample strings, one per line</label>
        <textarea id={`${id}-samples`} rows={3} value={samples.value} onInput={(e: Event) => (samples.value = valueOf(e))} />
        <button type="button" onClick={test}>Test</button>
        {verdict.value ? <p role="status">{verdict.value}</p> : null}
        {results.value ? <ul class="samples">{results.value.map((r) => <li class={r.matches ? 'ok' : 'muted'}>{r.matches ? '✓ ' : '✗ '}<code>{r.sample}</code></li>)}</ul> : null}
      </details>
    </div>
  );
}
