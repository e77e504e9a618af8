// `LOG_FORMAT=json` local product as a separate process: every line it prints for a request is
// a Cloud Logging structured entry (checked against the special fields' shapes), carries the
// trace of the request, and never a planted secret.

import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import * as z from 'zod';

const SDK_KEY = 'planted-sdk-key-stdout-0001';
const ADMIN_KEY = 'planted-admin-key-stdout-01';
const TRACE = '0af7651916cd43dd8448eb211c80319c';
const SECRETS = [SDK_KEY, ADMIN_KEY, 'planted-cookie-9c1e', 'planted.person@victim.example', 'planted-targeting-key-77'];

/** The shapes Cloud Logging gives the special fields of a structured line (notes/ecosystem.md section 2.1). */
const CloudLoggingLine = z.looseObject({
  severity: z.enum(['DEFAULT', 'DEBUG', 'INFO', 'NOTICE', 'WARNING', 'ERROR', 'CRITICAL', 'ALERT', 'EMERGENCY']),
  message: z.string().min(1),
  timestamp: z.object({ seconds: z.number().int(), nanos: z.number().int() }),
  'logging.googleapis.com/labels': z.record(z.string(), z.string()),
  'logging.googleapis.com/trace': z.string().regex(/^projects\/[^/]+\/traces\/[0-9a-f]{32}$/).optional(),
  'logging.googleapis.com/spanId': z.string().regex(/^[0-9a-f]{16}$/).optional(),
  'logging.googleapis.com/trace_sampled': z.boolean().optional(),
  httpRequest: z
    .strictObject({
      requestMethod: z.string(),
      requestUrl: z.string(),
      status: z.number().int(),
      requestSize: z.string().regex(/^\d+$/),
      responseSize: z.string().regex(/^\d+$/),
      latency: z.string().regex(/^\d+(\.\d+)?s$/),
      userAgent: z.string().optional(),
      remoteIp: z.string().optional(),
    })
    .optional(),
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('LOG_FORMAT=json local product (stdout of a running process)', function () {
  this.timeout(30_000);
  let child: ChildProcess;
  let out = '';
  let base = '';

  before(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    child = spawn(process.execPath, ['scripts/local/start.ts'], {
      env: { ...process.env, PORT: String(port), SWITCHYARD_STAGE: 'local', LOG_FORMAT: 'json', LOG_LEVEL: 'info', GOOGLE_CLOUD_PROJECT: 'demo-stdout', SWITCHYARD_SDK_KEY: SDK_KEY, SWITCHYARD_ADMIN_KEY: ADMIN_KEY, METADATA_SERVER_DETECTION: 'none' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    for (let i = 0; i < 200 && !out.includes('Switchyard is running'); i++) await new Promise((r) => setTimeout(r, 25));
    assert.ok(out.includes('Switchyard is running'), out);
  });
  after(() => {
    child.kill('SIGTERM');
  });

  it('prints Cloud Logging lines with the trace of the request and none of the planted secrets', async () => {
    const res = await fetch(`${base}/evaluate/ofrep/v1/evaluate/flags/new-checkout`, {
      method: 'POST',
      headers: { authorization: `Bearer ${SDK_KEY}`, 'content-type': 'application/json', cookie: 'sid=planted-cookie-9c1e', traceparent: `00-${TRACE}-b7ad6b7169203331-01`, 'x-request-id': 'stdout-req-1' },
      body: JSON.stringify({ context: { targetingKey: 'planted-targeting-key-77', email: 'planted.person@victim.example', plan: 'pro' } }),
    });
    assert.equal(res.status, 200);
    await res.text();
    const wrong = await fetch(`${base}/admin/v1/environments`, { headers: { 'x-api-key': SDK_KEY, 'x-request-id': 'stdout-req-2' } });
    await wrong.text();
    let lines: Record<string, unknown>[] = [];
    for (let i = 0; i < 100; i++) {
      lines = out.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => !('logging.googleapis.com/diagnostic' in l));
      if (lines.filter((l) => l.httpRequest).length >= 2) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const requestLines = lines.filter((l) => l.httpRequest);
    assert.equal(requestLines.length, 2, out);
    for (const line of lines) CloudLoggingLine.parse(line);
    const first = requestLines.find((l) => (l['logging.googleapis.com/labels'] as Record<string, string>).requestId === 'stdout-req-1')!;
    assert.equal(first['logging.googleapis.com/trace'], `projects/demo-stdout/traces/${TRACE}`);
    assert.equal(first['logging.googleapis.com/spanId'], 'b7ad6b7169203331');
    assert.deepEqual({ ...(first['logging.googleapis.com/labels'] as object), version: 'x' }, { function: 'evaluate', environment: 'local', version: 'x', requestId: 'stdout-req-1' });
    const second = requestLines.find((l) => (l['logging.googleapis.com/labels'] as Record<string, string>).requestId === 'stdout-req-2')!;
    assert.equal((second['logging.googleapis.com/labels'] as Record<string, string>).function, 'admin');
    assert.equal((second.httpRequest as { status: number }).status, 403);
    // The banner prints the local keys on purpose; no log line may carry any secret.
    const logText = out.split('\n').filter((l) => l.startsWith('{')).join('\n');
    for (const secret of SECRETS) assert.ok(!logText.includes(secret), `a log line carries ${secret}`);
  });
});
