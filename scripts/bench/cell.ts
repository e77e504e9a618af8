// One engine on one workload, in its own process so no engine's JIT state colours another's.
// Usage: node scripts/bench/cell.ts <W1|W2|W3> <engine>; prints one JSON object on stdout.

import { agreementOf } from './agreement.ts';
import { ENGINE_NAMES, ENGINES, type EngineName, type Prepared } from './engines/index.ts';
import { measure } from './harness.ts';
import { Unsupported } from './to-json-logic.ts';
import { makeUsers } from './users.ts';
import { WORKLOADS, type WorkloadName } from './workloads.ts';

const [workloadName, engineName] = process.argv.slice(2) as [WorkloadName, EngineName];
if (!(workloadName in WORKLOADS) || !ENGINE_NAMES.includes(engineName)) {
  throw new Error(`usage: cell.ts <${Object.keys(WORKLOADS).join('|')}> <${ENGINE_NAMES.join('|')}>`);
}

const users = makeUsers(10_000);
const workload = WORKLOADS[workloadName]();
let prepared: Prepared | null = null;
try {
  prepared = ENGINES[engineName](workload);
} catch (error) {
  if (!(error instanceof Unsupported)) throw error;
  process.stdout.write(JSON.stringify({ opsPerSec: null, p99Ns: null, unsupported: error.message }));
}
if (prepared !== null) {
  const measured = measure(prepared.run, users);
  // Agreement after timing, so the reference evaluations do not warm anything the timed call uses.
  const agreement = agreementOf(workload, prepared, workloadName === 'W2' ? users.slice(0, 100) : users);
  process.stdout.write(JSON.stringify({ ...measured, agreement }));
}
