// `npm test`: type-checks (tsc --noEmit) and lints (Biome) while it starts the local services
// (Firestore and Pub/Sub emulators, redis-server, the Upstash REST proxy), stops there if either
// check failed, runs the whole suite under coverage, stops the services, then checks the coverage
// bar of the rules core. Runs with plain `node` (Node 22 strips TypeScript types).

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { startServices, type Services } from './services/index.ts';
import { killAllNow, stopAll } from './services/process.ts';

const bin = (name: string) => `node_modules/.bin/${name}`;

let tests: ChildProcess | undefined;
const checking = new Set<ChildProcess>();
let interrupted = false;

// Interrupted (Ctrl-C, CI cancel): pass the signal on to the tests, stop every service, exit.
function interrupt(signal: NodeJS.Signals, code: number): void {
  if (interrupted) return;
  interrupted = true;
  process.stderr.write(`\ntest: ${signal}, stopping the services\n`);
  tests?.kill(signal);
  for (const child of checking) child.kill(signal);
  void stopAll().finally(() => process.exit(code));
}
process.on('SIGINT', () => interrupt('SIGINT', 130));
process.on('SIGTERM', () => interrupt('SIGTERM', 143));
process.on('SIGHUP', () => interrupt('SIGHUP', 129));
process.on('exit', killAllNow);

function runTests(env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    // --exit: the outage tests stop and pause emulators on purpose, and the Google clients keep
    // retrying the calls abandoned there (google-gax backoff timers) for up to their total timeout;
    // the run ends when the tests do, not minutes later.
    tests = spawn(bin('c8'), [bin('mocha'), '--exit', ...process.argv.slice(2)], { stdio: 'inherit', env });
    tests.on('error', (error) => {
      process.stderr.write(`test: could not run mocha: ${error.message}\n`);
      resolve(1);
    });
    tests.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

type Check = { readonly name: string; readonly ok: boolean; readonly output: string; readonly ms: number };

/** Runs one static check to the end, its output kept to print only if it fails. */
function runCheck(name: string, command: string, args: string[]): Promise<Check> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    checking.add(child);
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', (error) => resolve({ name, ok: false, output: `could not run: ${error.message}`, ms: performance.now() - started }));
    child.on('close', (code) => checking.delete(child) && resolve({ name, ok: code === 0, output, ms: performance.now() - started }));
  });
}

// The console's browser tests need Debian's chromium: installed here when missing and allowed
// (root, or passwordless sudo); otherwise those tests fail with a message saying how, never skip.
function ensureChromium(): void {
  if (existsSync('/usr/bin/chromium')) return;
  const asRoot = process.getuid?.() === 0;
  const sudo = !asRoot && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0;
  if (!asRoot && !sudo) {
    process.stderr.write('test: /usr/bin/chromium is missing; the console e2e tests will fail. Install it with `sudo apt-get install -y chromium`.\n');
    return;
  }
  process.stderr.write('test: installing chromium (apt-get) for the console e2e tests\n');
  const apt = (args: string[]) => spawnSync(asRoot ? 'apt-get' : 'sudo', asRoot ? args : ['-n', 'apt-get', ...args], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (apt(['install', '-y', 'chromium']).status !== 0) apt(['update']), apt(['install', '-y', 'chromium']);
}
ensureChromium();

// Types and lint run alongside the services' start (each takes seconds); the tests run only if both pass.
const checks = Promise.all([
  runCheck('typecheck', bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']),
  runCheck('lint', bin('biome'), ['lint', '--config-path', 'scripts/lint-rules.json', '--error-on-warnings', '.']),
]);

let services: Services;
try {
  services = await startServices();
} catch (error) {
  if (interrupted) await new Promise(() => {}); // the signal handler exits once everything is stopped
  process.stderr.write(`test: the local services did not start:\n${(error as Error).message}\n`);
  process.exit(1);
}
const addresses = ['FIRESTORE_EMULATOR_HOST', 'PUBSUB_EMULATOR_HOST', 'REDIS_URL', 'UPSTASH_REDIS_REST_URL'].map((name) => `${name}=${services.env[name]}`);
process.stderr.write(`test: services ready in ${(services.startedInMs / 1000).toFixed(1)} s: ${addresses.join(' ')}\n`);

const checked = await checks;
if (interrupted) await new Promise(() => {}); // the signal handler exits once everything is stopped
for (const check of checked) process.stderr.write(`test: ${check.name} ${check.ok ? 'passed' : 'FAILED'} in ${(check.ms / 1000).toFixed(1)} s\n${check.ok ? '' : check.output}`);
if (checked.some((check) => !check.ok)) {
  await services.stop();
  process.exit(1);
}

// SWITCHYARD_STAGE=test: functions under test log errors only (shared/config/logging-config.ts).
const status = await runTests({ SWITCHYARD_STAGE: 'test', ...process.env, ...services.env, METADATA_SERVER_DETECTION: 'none' });
const stopping = performance.now();
await services.stop();
process.stderr.write(`test: services stopped in ${((performance.now() - stopping) / 1000).toFixed(1)} s\n`);
if (interrupted) await new Promise(() => {}); // the signal handler exits once everything is stopped
if (status !== 0) process.exit(status);

// The rules core is the contract every function relies on: it keeps 95% of lines and branches.
const check = spawnSync(bin('c8'), ['check-coverage', '--lines', '95', '--branches', '95', '--include', 'shared/rules/**/*.ts'], { stdio: 'inherit' });
process.exit(check.status ?? 1);
