// json-logic-js: jsonLogic.apply on the translated rule. It has no string, semver, regex or
// hashing operators, so it gets the ones a user of it would add: flagd's semantics for
// starts_with, ends_with and sem_ver, a cached backtracking RegExp for `matches`, and a
// `bucket` over murmur3 (imurmurhash, the library flagd uses) for rollouts.

import { createRequire } from 'node:module';
import jsonLogic from 'json-logic-js';
import { compare, parse, type SemVer } from 'semver';
import { flagLogic } from '../to-json-logic.ts';
import { callOver, variantsOver, type Engine } from './engine.ts';

type Murmur = new (key: string) => { result(): number };
const MurmurHash3 = createRequire(import.meta.url)('imurmurhash') as Murmur;

const version = (raw: unknown): SemVer | null => (typeof raw === 'string' ? parse(raw.replace(/^[vV]/, '')) : null);
const patterns = new Map<string, RegExp>();

const semverTests: Record<string, (c: number) => boolean> = {
  '=': (c) => c === 0, '!=': (c) => c !== 0, '<': (c) => c < 0, '<=': (c) => c <= 0, '>': (c) => c > 0, '>=': (c) => c >= 0,
};

let installed = false;
function installOperators(): void {
  if (installed) return;
  installed = true;
  jsonLogic.add_operation('starts_with', (a: unknown, b: string) => typeof a === 'string' && a.startsWith(b));
  jsonLogic.add_operation('ends_with', (a: unknown, b: string) => typeof a === 'string' && a.endsWith(b));
  jsonLogic.add_operation('sem_ver', (a: unknown, op: string, b: unknown) => {
    const left = version(a);
    const right = version(b);
    return left !== null && right !== null && (semverTests[op]?.(compare(left, right)) ?? false);
  });
  jsonLogic.add_operation('matches', (a: unknown, source: string) => {
    let re = patterns.get(source);
    if (re === undefined) patterns.set(source, (re = new RegExp(source)));
    return typeof a === 'string' && re.test(a);
  });
  jsonLogic.add_operation('bucket', (salt: string, unit: unknown) =>
    typeof unit === 'string' ? Math.floor((new MurmurHash3(`${salt}/${unit}`).result() * 100000) / 4294967296) : NaN,
  );
}

export const jsonLogicJs: Engine = (workload) => {
  installOperators();
  const logic = workload.flags.map((flag) => flagLogic(flag, 'json-logic-js'));
  const one = (k: number, user: object) => jsonLogic.apply(logic[k] as jsonLogic.RulesLogic, user) as unknown;
  return {
    run: callOver(logic.length, one),
    variants: variantsOver(logic.length, (k, user) => {
      const v = one(k, user);
      return typeof v === 'string' ? v : null;
    }),
  };
};
