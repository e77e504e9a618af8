import assert from 'node:assert/strict';
import { LOGGING_DEFAULTS, loggingSettings, type LoggingSettings } from '../../../shared/config/logging-config.ts';
import { createLogger, SAMPLED_KEY, SPAN_KEY, TRACE_KEY } from '../../../shared/telemetry/logger.ts';
import { LOGGING_SAMPLED_KEY, LOGGING_SPAN_KEY, LOGGING_TRACE_KEY } from '@google-cloud/logging-winston';
import { errorReportFields, REPORTED_ERROR_EVENT } from '../../../shared/telemetry/errors.ts';
import { captureStdout } from './capture.ts';

const settings = (overrides: Partial<LoggingSettings> = {}): LoggingSettings => ({ ...LOGGING_DEFAULTS.production, ...overrides });
const labels = { function: 'evaluate', environment: 'test', version: 'v7' };

describe('logger (Cloud Logging JSON lines on stdout)', () => {
  it('writes severity, message, labels, request id and trace fields on one line', async () => {
    const logger = createLogger({ settings: settings(), projectId: 'demo-p', labels });
    await logger.ready();
    const { lines } = await captureStdout(() => {
      logger.child({ requestId: 'req-1', trace: { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7', sampled: true } }).info('flag evaluated', { flagKey: 'new-checkout' });
    });
    assert.equal(lines.length, 1);
    const line = lines[0]!;
    assert.equal(line.severity, 'INFO');
    assert.equal(line.message, 'flag evaluated');
    assert.equal(line.flagKey, 'new-checkout');
    assert.deepEqual(line['logging.googleapis.com/labels'], { ...labels, requestId: 'req-1' });
    assert.equal(line['logging.googleapis.com/trace'], 'projects/demo-p/traces/4bf92f3577b34da6a3ce929d0e0e4736');
    assert.equal(line['logging.googleapis.com/spanId'], '00f067aa0ba902b7');
    assert.equal(line['logging.googleapis.com/trace_sampled'], true);
    assert.equal(line.metadata, undefined, 'fields are lifted to the top of the payload');
  });

  it('maps levels to severities and drops lines below the configured level', async () => {
    const logger = createLogger({ settings: settings({ level: 'warn' }), projectId: 'demo-p', labels });
    await logger.ready();
    const { lines } = await captureStdout(() => {
      logger.debug('d');
      logger.info('i');
      logger.warn('w');
      logger.error('e');
    });
    assert.deepEqual(lines.map((l) => [l.severity, l.message]), [['WARNING', 'w'], ['ERROR', 'e']]);
    assert.equal(logger.enabled('info'), false);
    assert.equal(logger.enabled('error'), true);
  });

  it('uses the trace keys logging-winston exports', () => {
    assert.deepEqual([TRACE_KEY, SPAN_KEY, SAMPLED_KEY], [LOGGING_TRACE_KEY, LOGGING_SPAN_KEY, LOGGING_SAMPLED_KEY]);
  });

  it('queues the lines written while the writer loads, and writes them in order', async () => {
    const logger = createLogger({ settings: settings(), projectId: 'demo-p', labels });
    const { lines } = await captureStdout(async () => {
      logger.info('first');
      logger.warn('second');
      await logger.ready();
      logger.info('third');
    });
    assert.deepEqual(lines.map((l) => l.message), ['first', 'second', 'third']);
  });

  it('writes nothing when silent', async () => {
    const logger = createLogger({ settings: settings({ level: 'silent' }), projectId: 'demo-p', labels });
    await logger.ready();
    const { raw } = await captureStdout(() => logger.error('e'));
    assert.deepEqual(raw, []);
  });

  it('samples debug lines: at most N a second, the rest counted and reported', async () => {
    let now = 10_000;
    const logger = createLogger({ settings: settings({ level: 'debug', debugPerSecond: 3 }), projectId: 'demo-p', labels, now: () => now });
    await logger.ready();
    const { lines } = await captureStdout(() => {
      for (let i = 0; i < 10; i++) logger.debug(`d${i}`);
      now += 1000;
      logger.debug('next second');
    });
    assert.deepEqual(lines.map((l) => l.message), ['d0', 'd1', 'd2', 'debug lines dropped by sampling', 'next second']);
    assert.equal(lines[3]!.suppressedDebugLines, 7);
    assert.equal(lines[3]!.severity, 'INFO');
  });

  it('writes bugs in the Error Reporting format, with the stack in stack_trace', async () => {
    const logger = createLogger({ settings: settings(), projectId: 'demo-p', labels });
    await logger.ready();
    const error = new Error('boom');
    const { lines } = await captureStdout(() => logger.error('boom', errorReportFields(error, { service: 'evaluate', version: 'v7', httpRequest: { method: 'POST', url: '/x', responseStatusCode: 500 } })));
    const line = lines[0]!;
    assert.equal(line.severity, 'ERROR');
    assert.equal(line['@type'], REPORTED_ERROR_EVENT);
    assert.match(String(line.stack_trace), /^Error: boom\n\s+at /);
    assert.deepEqual(line.serviceContext, { service: 'evaluate', version: 'v7' });
    assert.deepEqual(line.context, { httpRequest: { method: 'POST', url: '/x', responseStatusCode: 500 } });
  });

  it('writes the request line in exactly the JSON the logging-winston transport writes for the same event', async () => {
    const logger = createLogger({ settings: settings(), projectId: 'demo-p', labels });
    await logger.ready();
    const scope = logger.child({ requestId: 'req-2', trace: { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7', sampled: false } });
    const fields = { httpRequest: { requestMethod: 'POST', requestUrl: '/ofrep/v1/evaluate/flags/a', status: 200, requestSize: '80', responseSize: '31', latency: '0.000300s', userAgent: 'curl/8' }, route: '/ofrep/v1/evaluate/flags/:key', latencyMs: 0.3, keyId: 'key_1' };
    const before = Date.now();
    const { lines } = await captureStdout(() => {
      scope.request('info', 'POST /ofrep/v1/evaluate/flags/:key 200', fields);
      scope.info('POST /ofrep/v1/evaluate/flags/:key 200', fields);
    });
    assert.equal(lines.length, 2);
    const [fast, library] = lines.map(({ timestamp, 'logging.googleapis.com/insertId': _id, ...rest }) => ({ rest, timestamp: timestamp as { seconds: number; nanos: number } }));
    assert.deepEqual(fast!.rest, library!.rest);
    const ms = fast!.timestamp.seconds * 1000 + fast!.timestamp.nanos / 1e6;
    assert.ok(ms >= before - 1 && ms <= Date.now() + 1, 'the timestamp is the time of writing');
  });

  it('drops request lines below the configured level, and writes them readable in the pretty format', async () => {
    const quiet = createLogger({ settings: settings({ level: 'warn' }), projectId: 'demo-p', labels });
    const pretty = createLogger({ settings: settings({ format: 'pretty' }), projectId: 'demo-p', labels });
    await pretty.ready();
    const { raw } = await captureStdout(() => {
      quiet.request('info', 'GET /x 200', { route: '/x' });
      pretty.child({ requestId: 'req-3' }).request('info', 'GET /x 200', { route: '/x' });
    });
    assert.equal(raw.length, 1);
    assert.match(raw[0]!, /INFO +evaluate: GET \/x 200 route=\/x \(req-3\)$/);
  });

  it('prints one readable line in the pretty format', async () => {
    const logger = createLogger({ settings: settings({ format: 'pretty' }), projectId: 'demo-p', labels });
    await logger.ready();
    const { raw } = await captureStdout(() => logger.child({ requestId: 'req-9' }).info('hello', { route: '/x' }));
    assert.equal(raw.length, 1);
    assert.match(raw[0]!, /INFO +evaluate: hello route=\/x \(req-9\)$/);
  });
});

describe('logging config', () => {
  it('defaults to JSON when deployed and pretty locally, and lets the environment override', () => {
    assert.equal(loggingSettings('production').format, 'json');
    assert.equal(loggingSettings('local').format, 'pretty');
    assert.equal(loggingSettings('local', { LOG_FORMAT: 'json' }).format, 'json');
    assert.equal(loggingSettings('production', { LOG_LEVEL: 'debug', LOG_DEBUG_PER_SECOND: 5 }).level, 'debug');
    assert.equal(loggingSettings('production', { LOG_DEBUG_PER_SECOND: 5 }).debugPerSecond, 5);
  });
});
