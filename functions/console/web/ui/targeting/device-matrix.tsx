// The device/browser matrix: what the draft serves a user with only a device type and a browser
// name, by preview, for every combination; it waits for a draft that validates.

import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { isAborted } from '../../api/latest.ts';
import { PreviewShape } from '../../api/shapes.ts';
import { useApp } from '../app-state.ts';
import type { Editor } from '../editor-state.ts';

const DEVICES = ['desktop', 'mobile', 'tablet'];
const BROWSERS = ['Chrome', 'Safari', 'Mobile Safari', 'Firefox', 'Edge'];

export function DeviceMatrix({ editor }: { editor: Editor }) {
  const cells = useSignal<ReadonlyMap<string, string> | null>(null);
  const { client, requests } = useApp();
  const c = client.value;
  const flag = editor.draft.value;
  // Only a valid draft can be previewed (an invalid one is refused with 422): the cells wait for it.
  const valid = editor.validation.value?.errors.length === 0;
  useEffect(() => {
    if (!valid) return;
    const users = DEVICES.flatMap((d) => BROWSERS.map((b) => ({ targetingKey: `matrix-${d}-${b}`, device: { type: d }, browser: { name: b } })));
    // Edits in quick succession: the cells show the last draft's answer, never an older one.
    requests.run('targeting:matrix', (signal) => c.call('preview', `/v1/rules/preview?environment=${encodeURIComponent(editor.environment)}`, PreviewShape, { body: { flag, users, trace: false }, signal }))
      .then((a) => (cells.value = new Map(a.results.map((r) => [users[r.index]!.targetingKey, r.variant ?? r.reason]))), (err: unknown) => {
        if (!isAborted(err)) cells.value = null;
      });
  }, [flag, valid]);
  return (
    <section aria-labelledby="matrix-title">
      <h2 id="matrix-title">Devices and browsers</h2>
      <p class="muted">What the draft serves a user with only these attributes (and a fixed targeting key).</p>
      {valid ? null : <p class="warn" data-matrix="waiting">The draft has errors: fix them on the Rules tab to see what it serves.</p>}
      <div class="table-wrap" tabIndex={0}>
        <table class="matrix">
          <thead><tr><th scope="col">{'device.type \\ browser.name'}</th>{BROWSERS.map((b) => <th scope="col">{b}</th>)}</tr></thead>
          <tbody>
            {DEVICES.map((d) => <tr><th scope="row">{d}</th>{BROWSERS.map((b) => <td>{cells.value?.get(`matrix-${d}-${b}`) ?? '…'}</td>)}</tr>)}
          </tbody>
        </table>
      </div>
    </section>
  );
}
