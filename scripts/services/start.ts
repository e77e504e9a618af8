// Starts the local services for running tests by hand: `node scripts/services/start.ts`, then in
// another shell paste the `export` line it prints and run mocha. Ctrl-C stops them all.

import { startServices } from './index.ts';
import { killAllNow, stopAll } from './process.ts';

let stopping = false;
const stop = (code: number) => {
  if (stopping) return;
  stopping = true;
  process.stderr.write('services: stopping\n');
  void stopAll().then(() => process.exit(code));
};
process.on('SIGINT', () => stop(130));
process.on('SIGTERM', () => stop(143));
process.on('exit', killAllNow);

try {
  const services = await startServices();
  const exports = Object.entries(services.env).map(([name, value]) => `${name}=${value}`).join(' ');
  process.stdout.write(`export ${exports}\n`);
  process.stderr.write(`services: ready in ${Math.round(services.startedInMs)} ms (${services.running.map((s) => `${s.name} pid ${s.pid}`).join(', ')}); Ctrl-C stops them\n`);
  setInterval(() => {}, 1 << 30); // stay up until a signal
} catch (error) {
  process.stderr.write(`services: ${(error as Error).message}\n`);
  process.exit(1);
}
