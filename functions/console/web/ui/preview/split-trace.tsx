// How a percentage split chose: the unit it bucketed, the bucket, each variant's range of
// buckets and the one the bucket fell in.

import { bucketPercent, type SplitTrace } from '../../logic/trace-tree.ts';

export function SplitTraceView({ split }: { split: SplitTrace }) {
  return (
    <div class="split-trace">
      <p>{`Bucketed by ${split.by} = ${split.unit}: bucket ${bucketPercent(split.bucket)}, in the range of `}<strong>{split.variant}</strong>.</p>
      <table>
        <thead><tr><th scope="col">Variant</th><th scope="col">Buckets</th><th scope="col"><span class="visually-hidden">Chosen</span></th></tr></thead>
        <tbody>
          {split.ranges.map((r) => (
            <tr class={r.chosen ? 'chosen' : ''}>
              <td>{r.variant}</td>
              <td>{`${bucketPercent(r.from)} – ${bucketPercent(r.to)}`}</td>
              <td>{r.chosen ? '← this user' : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
