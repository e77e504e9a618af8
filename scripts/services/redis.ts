// Debian's redis-server on a free loopback port, with no persistence; installed with apt-get when
// missing and we are root (as in CI).

import { execFileSync, spawnSync } from 'node:child_process';
import { connect } from 'node:net';
import { freePort, startService, type RunningService } from './process.ts';

export type RunningRedis = RunningService & { readonly url: string; readonly port: number };

const INSTALL_HINT = 'Install it with `sudo apt-get install -y redis-server` (Debian/Ubuntu) or your system\'s package manager.';

function onPath(command: string): string | undefined {
  try {
    return execFileSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** The redis-server binary; installs Debian's package first when we can, otherwise says how to. */
export function ensureRedisServer(): string {
  const found = onPath('redis-server');
  if (found) return found;
  if (process.getuid?.() !== 0 || !onPath('apt-get')) {
    throw new Error(`redis-server is not installed. ${INSTALL_HINT}`);
  }
  process.stderr.write('services: redis-server is missing; installing Debian\'s package with apt-get\n');
  // Without an init system, invoke-rc.d refuses to start the packaged daemon: only ours will run.
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update', '-qq'], ['install', '-y', '-qq', '--no-install-recommends', 'redis-server']]) {
    const result = spawnSync('apt-get', args, { stdio: ['ignore', 'ignore', 'inherit'], env });
    if (result.status !== 0) throw new Error(`\`apt-get ${args.join(' ')}\` failed (status ${result.status}). ${INSTALL_HINT}`);
  }
  const installed = onPath('redis-server');
  if (!installed) throw new Error(`redis-server is still missing after apt-get install. ${INSTALL_HINT}`);
  return installed;
}

/** True when the Redis answering on `port` is the process `pid` (another may hold the port). */
export function isRedis(port: number, pid: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let reply = '';
    socket.setTimeout(1000);
    socket.once('connect', () => socket.write('INFO server\r\n'));
    socket.on('data', (data) => {
      reply += data.toString();
      if (!reply.includes('process_id:')) return;
      socket.destroy();
      resolve(new RegExp(`process_id:${pid}\\b`).test(reply));
    });
    socket.once('timeout', () => socket.destroy());
    socket.once('error', () => resolve(false));
    socket.once('close', () => resolve(false));
  });
}

export async function startRedis(port?: number): Promise<RunningRedis> {
  const binary = ensureRedisServer();
  const chosen = port ?? (await freePort());
  const service = await startService({
    name: 'redis-server',
    command: binary,
    // No config file: loopback only, no disk writes, in the foreground so we own its process.
    args: ['--port', String(chosen), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--protected-mode', 'yes'],
    ready: ({ pid }) => isRedis(chosen, pid),
    timeoutMs: 10_000,
  });
  return { ...service, url: `redis://127.0.0.1:${chosen}`, port: chosen };
}
