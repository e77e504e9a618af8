// The attribute catalogue as one datalist every attribute input shares.

import { useApp } from '../app-state.ts';

export function AttributeList() {
  const { attributes } = useApp();
  return <datalist id="attribute-names">{attributes.value.map((a) => <option value={a.name}>{`${a.name} (${a.type})`}</option>)}</datalist>;
}
