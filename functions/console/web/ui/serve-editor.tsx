// What a rule serves: one variant, or a percentage split whose total is summed live as weights
// are typed (with "Even split" and the remainder taken by the last variant).

import { HelpTip } from './help-tip.tsx';
import type { Split } from '../../../../shared/rules/index.ts';
import type { DraftFlag, DraftServe } from '../logic/flag-draft.ts';
import { issuesUnder, messageIdFor, type Issue } from '../logic/problems.ts';
import { evenSplit, setWeight, weightVerdict } from '../logic/weights.ts';
import { valueOf } from './dom.ts';

type Props = { flag: DraftFlag; serve: DraftServe; pointer: string; issues: readonly Issue[]; idBase: string; onChange: (serve: DraftServe, coalesce?: string) => void };

export function SplitEditor({ split, variants, idBase, onChange }: { split: readonly Split[]; variants: readonly string[]; idBase: string; onChange: (s: Split[], coalesce?: string) => void }) {
  const verdict = weightVerdict(split);
  return (
    <div class="split">
      <table>
        <thead>
          <tr><th scope="col">Variant</th><th scope="col">Weight %</th><th scope="col"><span class="visually-hidden">Share</span></th></tr>
        </thead>
        <tbody>
          {split.map((s, i) => <tr key={s.variant}>
            <td><label for={`${idBase}-w${i}`}>{s.variant}</label></td>
            <td>
              <input id={`${idBase}-w${i}`} type="number" min={0} max={100} step="any" class="narrow" value={s.weight} onInput={(e: Event) => onChange(setWeight(split, i, Number(valueOf(e))), `${idBase}-w${i}`)} />
            </td>
            <td><span class="bar" aria-hidden="true"><span style={{ width: `${Math.min(100, s.weight)}%` }} /></span></td>
          </tr>)}
        </tbody>
      </table>
      <p class={verdict.ok ? 'ok' : 'error'} role="status" id={`${idBase}-total`}>{verdict.message}</p>
      <button type="button" onClick={() => onChange(evenSplit(variants))}>Even split</button>
    </div>
  );
}

export function ServeEditor({ flag, serve, pointer, issues, idBase, onChange }: Props) {
  const variants = Object.keys(flag.variants);
  const isSplit = 'rollout' in serve;
  const serveIssues = issuesUnder(issues, pointer);
  return (
    <fieldset class="serve" id={idBase} tabIndex={-1}>
      <legend>Serve</legend>
      <label>
        <input type="radio" name={`${idBase}-mode`} checked={!isSplit} onChange={() => onChange({ variant: variants[0] ?? 'on' })} />
        {' a variant'}
      </label>
      <label>
        <input type="radio" name={`${idBase}-mode`} checked={isSplit} onChange={() => onChange({ rollout: { by: 'targetingKey', split: evenSplit(variants) } })} />
        {' a percentage split'}
      </label>
      {!isSplit
        ? <div class="field inline">
        <label for={`${idBase}-variant`}>Variant</label>
        <select id={`${idBase}-variant`} value={serve.variant} onChange={(e: Event) => onChange({ variant: valueOf(e) })}>
          {variants.map((v) => <option value={v}>{v}</option>)}
        </select>
      </div>
        : <div>
        <SplitEditor split={serve.rollout.split} variants={variants} idBase={idBase} onChange={(split, coalesce) => onChange({ rollout: { ...serve.rollout, split } }, coalesce)} />
        <div class="field inline">
          <label for={`${idBase}-by`}>Bucket by</label>
          <input id={`${idBase}-by`} list="attribute-names" value={serve.rollout.by ?? 'targetingKey'} onInput={(e: Event) => onChange({ rollout: { ...serve.rollout, by: valueOf(e) } }, `${idBase}-by`)} />
          <HelpTip topic="bucket by">
            The attribute whose value places someone in the split: the same value always lands in the same variant. targetingKey splits by user; an attribute such as account.id keeps everyone of one account together.
          </HelpTip>
        </div>
        <div class="field inline">
          <label for={`${idBase}-salt`}>Salt (optional)</label>
          <input id={`${idBase}-salt`} class="narrow" value={serve.rollout.salt ?? ''} onInput={(e: Event) => {
                const salt = valueOf(e);
                const { salt: _s, ...rest } = serve.rollout;
                onChange({ rollout: salt ? { ...rest, salt } : rest }, `${idBase}-salt`);
              }} />
          <HelpTip topic="salt">
            Mixed into the bucketing so that two splits by the same attribute place people independently. Without one, the flag's key is used, so all rules of one flag bucket alike. Changing it reshuffles everyone.
          </HelpTip>
        </div>
        <div class="field inline">
          <label for={`${idBase}-exp`}>Experiment id (optional)</label>
          <input id={`${idBase}-exp`} value={serve.rollout.experiment?.id ?? ''} onInput={(e: Event) => {
                const id = valueOf(e);
                const { experiment: _x, ...rest } = serve.rollout;
                onChange({ rollout: id ? { ...rest, experiment: { id } } : rest }, `${idBase}-exp`);
              }} />
        </div>
      </div>}
      <div id={messageIdFor(pointer)} class="issues">{serveIssues.map((i) => <p class="error" data-error-path={i.path}>{i.message}</p>)}</div>
    </fieldset>
  );
}
