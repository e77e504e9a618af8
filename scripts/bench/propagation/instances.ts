// Starts evaluate instances (evaluate-instance.ts) as child processes with the environment given,
// each on its own loopback port; their log lines go to a file, read by nobody, as a deployed
// function's go to the platform's log agent.

import { startAll } from '../children.ts';
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ENTRY = new URL('./evaluate-instance.ts', import.meta.url).pathname;

export type Instance = {
  readonly url: string;
  readonly maxStalenessMs: number;
  /** The state of the instance's Redis circuit breaker: closed, open, half-open, or none without Redis. */
  readonly breaker: () => Promise<string>;
  readonly stop: () => Promise<void>;
};

let counter = 0;

export async function startInstance(env: Readonly<Record<string, string>>): Promise<Instance> {
  const logFile = join(tmpdir(), `switchyard-bench-propagation-${process.pid}-${++counter}.log`);
  const log = openSync(logFile, 'w');
  const child: ChildProcess = spawn(process.execPath, [ENTRY], { stdio: ['ignore', log, log, 'ipc'], env: { ...env, METADATA_SERVER_DETECTION: 'none' } });
  closeSync(log);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = await new Promise<{ ready: number; maxStalenessMs: number }>((resolve, reject) => {
    child.once('message', (message: { ready?: number; maxStalenessMs?: number }) =>
      message.ready ? resolve(message as { ready: number; maxStalenessMs: number }) : reject(new Error('evaluate instance: unexpected message')));
    child.once('exit', (code) => reject(new Error(`evaluate instance exited with ${code} before listening (log: ${logFile})`)));
  });
  return {
    url: `http://127.0.0.1:${ready.ready}`,
    maxStalenessMs: ready.maxStalenessMs,
    breaker: () => new Promise<string>((resolve) => {
      child.once('message', (message: { breaker?: string }) => resolve(message.breaker ?? 'unknown'));
      child.send({ breaker: true });
    }),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
      rmSync(logFile, { force: true });
    },
  };
}

export async function startInstances(count: number, env: Readonly<Record<string, string>>): Promise<Instance[]> {
  return startAll(count, () => startInstance(env));
}
