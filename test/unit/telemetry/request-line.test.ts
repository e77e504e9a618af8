import assert from 'node:assert/strict';
import { requestLineWriter } from '../../../shared/telemetry/request-line.ts';

const NOW = Date.parse('2026-12-04T10:00:00.250Z');

/** The writer over a sink that keeps its lines, each parsed. */
function writerWith(labels: Record<string, string>) {
  const lines: string[] = [];
  const write = requestLineWriter({ projectId: 'demo-p', logName: 'switchyard', labels, now: () => NOW, sink: { write: (line) => (lines.push(line), true) } });
  return { write, lines, parsed: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('the request line', () => {
  it('writes one JSON line with timestamp, severity, labels, the fields, message and log name', () => {
    const { write, lines, parsed } = writerWith({ function: 'evaluate', version: 'v1' });
    write('warn', 'POST /x 503', { httpRequest: { status: 503, latency: '0.001000s' }, route: '/x', latencyMs: 1 }, { labels: { requestId: 'r-1' }, 'logging.googleapis.com/trace': 'projects/demo-p/traces/abc' });
    assert.equal(lines.length, 1);
    assert.ok(lines[0]!.endsWith('}\n') && !lines[0]!.slice(0, -1).includes('\n'));
    assert.deepEqual(parsed()[0], {
      timestamp: { seconds: Math.floor(NOW / 1000), nanos: 250_000_000 },
      severity: 'WARNING',
      'logging.googleapis.com/labels': { function: 'evaluate', version: 'v1', requestId: 'r-1' },
      httpRequest: { status: 503, latency: '0.001000s' },
      route: '/x',
      latencyMs: 1,
      'logging.googleapis.com/trace': 'projects/demo-p/traces/abc',
      message: 'POST /x 503',
      logName: 'projects/demo-p/logs/switchyard',
    });
  });

  it("lets the logger's own fields win over the request's, and its labels replace the request's", () => {
    const { write, parsed } = writerWith({ function: 'evaluate' });
    write('info', 'm', { route: '/x', keyId: 'from-fields', labels: { extra: 'dropped' } }, { keyId: 'from-scope', labels: { requestId: 'r-2' } });
    const line = parsed()[0]!;
    assert.equal(line.keyId, 'from-scope');
    assert.deepEqual(line['logging.googleapis.com/labels'], { function: 'evaluate', requestId: 'r-2' });
  });

  it('leaves out undefined fields, and never writes a key of its own twice', () => {
    const { write, lines } = writerWith({ function: 'evaluate' });
    write('info', 'the message', { errorCode: undefined, message: 'not this', severity: 'NOT', timestamp: 1, route: '/x' });
    const text = lines[0]!;
    assert.equal(text.match(/"message"/g)?.length, 1);
    assert.equal(text.match(/"severity"/g)?.length, 1);
    assert.equal(text.match(/"timestamp"/g)?.length, 1);
    const line = JSON.parse(text) as Record<string, unknown>;
    assert.equal(line.message, 'the message');
    assert.equal(line.severity, 'INFO');
    assert.equal('errorCode' in line, false);
  });

  it('lets a label of the scope replace a static label of the same name', () => {
    const { write, parsed } = writerWith({ function: 'evaluate', environment: 'prod' });
    write('info', 'm', {}, { labels: { environment: 'staging', requestId: 'r-3' } });
    assert.deepEqual(parsed()[0]!['logging.googleapis.com/labels'], { function: 'evaluate', environment: 'staging', requestId: 'r-3' });
  });

  it('escapes what it writes: quotes, newlines and non-ASCII in messages, keys and labels', () => {
    const { write, lines, parsed } = writerWith({ function: 'e"v' });
    write('error', 'line 1\nline "2" é', { 'odd "key"': 'x\u2028y' }, { labels: { requestId: 'r\n4' } });
    assert.equal(lines[0]!.split('\n').length, 2, 'one line, ended by its newline');
    const line = parsed()[0]!;
    assert.equal(line.message, 'line 1\nline "2" é');
    assert.equal(line['odd "key"'], 'x\u2028y');
    assert.deepEqual(line['logging.googleapis.com/labels'], { function: 'e"v', requestId: 'r\n4' });
  });
});
