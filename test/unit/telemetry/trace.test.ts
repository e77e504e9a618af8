import assert from 'node:assert/strict';
import { parseCloudTraceContext, parseTraceparent, traceName, traceOf } from '../../../shared/telemetry/trace.ts';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';

describe('trace context', () => {
  const traceparents: [string, ReturnType<typeof parseTraceparent>][] = [
    [`00-${TRACE}-00f067aa0ba902b7-01`, { traceId: TRACE, spanId: '00f067aa0ba902b7', sampled: true }],
    [`00-${TRACE}-00f067aa0ba902b7-00`, { traceId: TRACE, spanId: '00f067aa0ba902b7', sampled: false }],
    [`01-${TRACE}-00f067aa0ba902b7-03-extra`, { traceId: TRACE, spanId: '00f067aa0ba902b7', sampled: true }],
    [`00-${'0'.repeat(32)}-00f067aa0ba902b7-01`, undefined],
    [`00-${TRACE}-${'0'.repeat(16)}-01`, undefined],
    [`ff-${TRACE}-00f067aa0ba902b7-01`, undefined],
    [`00-${TRACE.toUpperCase()}-00f067aa0ba902b7-01`, undefined],
    [`00-${TRACE}-00f067aa0ba902b7-01-extra`, undefined],
    ['garbage', undefined],
  ];
  for (const [header, expected] of traceparents) {
    it(`traceparent ${JSON.stringify(header)} -> ${expected ? `${expected.traceId}/${expected.spanId} sampled=${expected.sampled}` : 'none'}`, () => {
      assert.deepEqual(parseTraceparent(header), expected);
    });
  }

  const cloud: [string, ReturnType<typeof parseCloudTraceContext>][] = [
    [`${TRACE}/1;o=1`, { traceId: TRACE, spanId: '0000000000000001', sampled: true }],
    [`${TRACE}/18446744073709551615;o=0`, { traceId: TRACE, spanId: 'ffffffffffffffff', sampled: false }],
    [`${TRACE}/18446744073709551616`, { traceId: TRACE, spanId: undefined, sampled: false }],
    [`${TRACE.toUpperCase()}`, { traceId: TRACE, spanId: undefined, sampled: false }],
    ['short/1;o=1', undefined],
  ];
  for (const [header, expected] of cloud) {
    it(`X-Cloud-Trace-Context ${JSON.stringify(header)} -> ${expected ? `${expected.traceId}/${expected.spanId} sampled=${expected.sampled}` : 'none'}`, () => {
      assert.deepEqual(parseCloudTraceContext(header), expected);
    });
  }

  it('prefers traceparent over X-Cloud-Trace-Context, and falls back when it is malformed', () => {
    const other = 'a'.repeat(32);
    assert.equal(traceOf({ traceparent: `00-${TRACE}-00f067aa0ba902b7-01`, 'x-cloud-trace-context': `${other}/5` })!.traceId, TRACE);
    assert.equal(traceOf({ traceparent: 'nonsense', 'x-cloud-trace-context': `${other}/5` })!.traceId, other);
    assert.equal(traceOf({}), undefined);
  });

  it('names the trace the way Cloud Logging wants it', () => {
    assert.equal(traceName('demo-p', { traceId: TRACE, spanId: undefined, sampled: false }), `projects/demo-p/traces/${TRACE}`);
  });
});
