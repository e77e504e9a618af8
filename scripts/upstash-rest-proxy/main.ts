// Runs the Upstash REST proxy: `node scripts/upstash-rest-proxy/main.ts --redis redis://127.0.0.1:6379
// --token local-token [--port 8079]`. Prints `listening <url>`; exits when stdin closes with
// --exit-with-stdin (so it never outlives the runner that started it).

import { parseArgs } from 'node:util';
import { startUpstashProxy } from './proxy.ts';

const { values } = parseArgs({
  options: {
    redis: { type: 'string', default: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' },
    token: { type: 'string', default: process.env.UPSTASH_REDIS_REST_TOKEN ?? 'local-token' },
    port: { type: 'string', default: '8079' },
    'exit-with-stdin': { type: 'boolean', default: false },
  },
});

const proxy = await startUpstashProxy({ redisUrl: values.redis, token: values.token, port: Number(values.port) });
process.stdout.write(`listening ${proxy.url}\n`);

const stop = () => void proxy.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
if (values['exit-with-stdin']) {
  process.stdin.on('end', stop);
  process.stdin.resume();
}
