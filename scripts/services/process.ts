// Runs one local service as a child in its own process group, waits until it answers, and stops
// the whole group (the Firestore launcher is a bash script that forks java).

import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export type RunningService = {
  readonly name: string;
  readonly pid: number;
  readonly logFile: string;
  /** Stops the service's process group (SIGTERM, then SIGKILL if it lingers) and removes its log. Safe to call twice. */
  readonly stop: () => Promise<void>;
};

export type ServiceSpec = {
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  /**
   * Resolves true once the service answers; called every 50 ms until `timeoutMs`. Where it can,
   * it checks that the answer comes from this process, not from another that holds the port.
   */
  readonly ready: (started: { readonly pid: number; readonly output: () => string }) => Promise<boolean>;
  readonly timeoutMs?: number;
  readonly env?: Readonly<Record<string, string>>;
  /** Keep a pipe to the child's stdin open: a child that exits on its end never outlives us. */
  readonly stdinPipe?: boolean;
};

/** Every process we start, so an exiting runner can kill what is left synchronously. */
const groups = new Set<number>();
/** Set by stopAll: a service still on its way up must not start after everything was stopped. */
let closing = false;

export const logDir = join(tmpdir(), 'switchyard-services');

/** A port that was free on 127.0.0.1 a moment ago (the service binds it right after). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export async function startService(spec: ServiceSpec): Promise<RunningService> {
  if (closing) throw new Error(`${spec.name} was not started: the services are stopping`);
  mkdirSync(logDir, { recursive: true });
  const logFile = join(logDir, `${spec.name}-${process.pid}-${Date.now()}.log`);
  const log = openSync(logFile, 'w');
  // Output goes to a file, not a pipe: a service must not die of SIGPIPE if the runner goes first.
  const child = spawn(spec.command, spec.args, {
    detached: true,
    stdio: [spec.stdinPipe ? 'pipe' : 'ignore', log, log],
    env: { ...process.env, ...spec.env, METADATA_SERVER_DETECTION: 'none' },
  });
  closeSync(log);
  child.stdin?.on('error', () => {}); // a child that died first must not throw EPIPE at us
  const exited = new Promise<string>((resolve) => {
    child.on('error', (error) => resolve(error.message));
    child.on('exit', (code, signal) => resolve(signal ? `killed by ${signal}` : `exited with code ${code}`));
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${spec.name} did not start: ${await exited}`);
  groups.add(pid);
  const service = {
    name: spec.name,
    pid,
    logFile,
    stop: async () => {
      child.stdin?.destroy();
      await stopGroup(pid);
      rmSync(logFile, { force: true });
    },
  };

  const deadline = Date.now() + (spec.timeoutMs ?? 30_000);
  let exitReason: string | undefined;
  void exited.then((reason) => { exitReason = reason; });
  while (Date.now() < deadline && !closing) {
    if (exitReason !== undefined) break;
    if (await spec.ready({ pid, output: () => readFileSync(logFile, 'utf8') }).catch(() => false)) return service;
    await sleep(50);
  }
  const lastLines = tail(logFile);
  await service.stop();
  if (closing) throw new Error(`${spec.name} was stopped while starting`);
  const why = exitReason ?? `did not answer within ${spec.timeoutMs ?? 30_000} ms`;
  throw new Error(`${spec.name} failed to start (${why}). Its last output:\n${lastLines}`);
}

function alive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

function signal(pgid: number, name: NodeJS.Signals): void {
  try {
    process.kill(-pgid, name);
  } catch {
    // already gone
  }
}

async function stopGroup(pgid: number): Promise<void> {
  signal(pgid, 'SIGTERM');
  for (let waited = 0; alive(pgid) && waited < 1500; waited += 25) await sleep(25);
  if (alive(pgid)) signal(pgid, 'SIGKILL');
  for (let waited = 0; alive(pgid) && waited < 2000; waited += 25) await sleep(25);
  groups.delete(pgid);
}

/** Stops every service this process started, including ones still starting. */
export async function stopAll(): Promise<void> {
  closing = true;
  await Promise.all([...groups].map((pgid) => stopGroup(pgid)));
}

/** Last resort for a runner that is exiting: no time to wait, so SIGKILL every group left. */
export function killAllNow(): void {
  for (const pgid of groups) signal(pgid, 'SIGKILL');
  groups.clear();
}

function tail(file: string, lines = 20): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** True when an HTTP GET to `url` answers 200 (the gcloud emulators answer `Ok` on `/`). */
export async function answersHttp(url: string): Promise<boolean> {
  const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
  await response.text();
  return response.ok;
}
