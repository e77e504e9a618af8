// `npm test`: the whole suite under coverage, then the coverage bar of the rules core.
// Runs with plain `node` (Node 22 strips TypeScript types), so it needs nothing but npm ci.

import { spawnSync } from 'node:child_process';

const bin = (name: string) => `node_modules/.bin/${name}`;

function run(command: string, args: readonly string[]): void {
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, METADATA_SERVER_DETECTION: 'none' } });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

run(bin('c8'), [bin('mocha'), ...process.argv.slice(2)]);
// The rules core is the contract every function relies on: it keeps 95% of lines and branches.
run(bin('c8'), ['check-coverage', '--lines', '95', '--branches', '95', '--include', 'shared/rules/**/*.ts']);
