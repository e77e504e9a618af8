// The Upstash REST proxy (scripts/upstash-rest-proxy) as its own process, in front of a running Redis.

import { fileURLToPath } from 'node:url';
import { freePort, startService, type RunningService } from './process.ts';

export type RunningUpstashProxy = RunningService & { readonly url: string; readonly token: string };

const MAIN = fileURLToPath(new URL('../upstash-rest-proxy/main.ts', import.meta.url));

export async function startUpstashProxy(redisUrl: string, token = 'local-token', port?: number): Promise<RunningUpstashProxy> {
  const chosen = port ?? (await freePort());
  const url = `http://127.0.0.1:${chosen}`;
  const service = await startService({
    name: 'upstash-rest-proxy',
    command: process.execPath,
    args: [MAIN, '--redis', redisUrl, '--token', token, '--port', String(chosen), '--exit-with-stdin'],
    stdinPipe: true,
    // It prints its address once it has reached Redis and listens.
    ready: async ({ output }) => output().includes(`listening ${url}`),
    timeoutMs: 15_000,
  });
  return { ...service, url, token };
}
