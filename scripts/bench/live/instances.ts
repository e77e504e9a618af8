// Starts function instances (instance.ts) as child processes, each with the environment given and
// its own loopback port; their log lines go to a file, read by nobody, as a deployed function's go
// to the platform's log agent. Each process builds its own backends (store client, Redis client,
// change feed subscription, snapshot cache), as a deployed instance does.

import { startAll } from '../children.ts';
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ENTRY = new URL('./instance.ts', import.meta.url).pathname;

export type Usage = { readonly rss: number; readonly heapUsed: number; readonly external: number; readonly cpuUser: number; readonly cpuSystem: number; readonly streams?: number };

export type LiveInstance = {
  readonly kind: 'evaluate' | 'streams';
  readonly url: string;
  readonly pid: number;
  readonly maxStalenessMs: number;
  /** Memory and CPU of the instance's process (after a full collection when `gc`). */
  readonly usage: (gc?: boolean) => Promise<Usage>;
  /** The state of its Redis circuit breaker. */
  readonly breaker: () => Promise<string>;
  /** Its Redis change feed's status (shared/cache/redis-change-feed.ts), null without Redis. */
  readonly feed: () => Promise<{ readonly connected: boolean; readonly subscriptionsOpened: number; readonly failures: number } | null>;
  readonly stop: () => Promise<void>;
};

let counter = 0;

function ask<T>(child: ChildProcess, message: object, field: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.off('message', listener);
      reject(new Error(`instance ${child.pid} did not answer ${JSON.stringify(message)} within 10 s`));
    }, 10_000);
    const listener = (reply: Record<string, unknown>) => {
      if (!(field in reply)) return;
      clearTimeout(timer);
      child.off('message', listener);
      resolve(reply[field] as T);
    };
    child.on('message', listener);
    child.send(message);
  });
}

export async function startLiveInstance(kind: 'evaluate' | 'streams', env: Readonly<Record<string, string | undefined>>, nodeArgs: readonly string[] = []): Promise<LiveInstance> {
  const logFile = join(tmpdir(), `switchyard-live-${kind}-${process.pid}-${++counter}.log`);
  const log = openSync(logFile, 'w');
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, ENTRY], {
    stdio: ['ignore', log, log, 'ipc'],
    env: { ...env, METADATA_SERVER_DETECTION: 'none', SWITCHYARD_LIVE_FUNCTION: kind },
  });
  closeSync(log);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = await new Promise<{ ready: number; maxStalenessMs: number }>((resolve, reject) => {
    child.once('message', (message: { ready?: number; maxStalenessMs?: number }) =>
      message.ready ? resolve(message as { ready: number; maxStalenessMs: number }) : reject(new Error(`${kind} instance: unexpected message`)));
    child.once('exit', (code) => reject(new Error(`${kind} instance exited with ${code} before listening (log: ${logFile})`)));
  });
  return {
    kind,
    url: `http://127.0.0.1:${ready.ready}`,
    pid: child.pid!,
    maxStalenessMs: ready.maxStalenessMs,
    usage: (gc = false) => ask<Usage>(child, { usage: true, gc }, 'usage'),
    breaker: () => ask<string>(child, { breaker: true }, 'breaker'),
    feed: () => ask(child, { feed: true }, 'feed'),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
      rmSync(logFile, { force: true });
    },
  };
}

export async function startLiveInstances(count: number, kind: 'evaluate' | 'streams', env: Readonly<Record<string, string | undefined>>): Promise<LiveInstance[]> {
  return startAll(count, () => startLiveInstance(kind, env));
}
