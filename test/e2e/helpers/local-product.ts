// The local product (`node scripts/local/start.ts`) as a child process on a free port, with the
// console bundle built first (unless a test needs no console), for browser and HTTP tests. Extra
// environment variables tune it (staleness bound, stream lifetimes, JSON logs). Stopped by its pid;
// its output is kept for failures and for tests that read its log lines.

import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { buildConsole, describeConsoleBuild, type ConsoleBuild } from '../../../scripts/build-console.ts';

export type LocalProduct = {
  readonly url: string;
  readonly consoleUrl: string;
  readonly adminKey: string;
  readonly sdkKey: string;
  /** A client SDK key (for browsers: flags marked clientVisible only). */
  readonly clientKey: string;
  readonly build: ConsoleBuild | undefined;
  /** Everything it printed so far (stdout and stderr). */
  readonly output: () => string;
  readonly stop: () => Promise<void>;
};

export type LocalProductOptions = {
  /** Added to (and overriding) the product's environment. */
  readonly env?: Readonly<Record<string, string>>;
  /** Build the console bundle first (default true); without it /console answers that it needs a build. */
  readonly console?: boolean;
};

const root = new URL('../../../', import.meta.url).pathname;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export async function startLocalProduct(options: LocalProductOptions = {}): Promise<LocalProduct> {
  const build = options.console === false ? undefined : await buildConsole();
  if (build) console.log(`      ${describeConsoleBuild(build)}`);
  const port = await freePort();
  const adminKey = 'e2e-admin-key-0123456789';
  const sdkKey = 'e2e-sdk-key-0123456789';
  const clientKey = 'e2e-client-key-0123456789';
  const child: ChildProcess = spawn(process.execPath, ['scripts/local/start.ts'], {
    cwd: root,
    // Metrics published every second, so a test can see its evaluations aggregated.
    env: { ...process.env, PORT: String(port), SWITCHYARD_ADMIN_KEY: adminKey, SWITCHYARD_SDK_KEY: sdkKey, SWITCHYARD_CLIENT_KEY: clientKey, SWITCHYARD_METRICS_INTERVAL_SECONDS: '1', LOG_LEVEL: 'warn', METADATA_SERVER_DETECTION: 'none', SWITCHYARD_CONSOLE_ORIGINS: `http://127.0.0.1:${port}`, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the local product did not start in 20 s:\n${output}`)), 20000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('is running locally')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the local product exited with ${code}:\n${output}`));
    });
  });
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    consoleUrl: `${url}/console/`,
    adminKey,
    sdkKey,
    clientKey,
    build,
    output: () => output,
    stop: () => new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    }),
  };
}
