// The telemetry a test builds a function with, as a composition root would pass it: the test
// stage's logging (errors only, JSON lines) recording into a recorder of the test's own.

import { loggingSettings } from '../../shared/config/logging-config.ts';
import { createMetricsRecorder, type MetricsRecorder } from '../../shared/telemetry/recorder.ts';
import { createTelemetry, type Telemetry } from '../../shared/telemetry/telemetry.ts';

export function testTelemetry(name: string, metrics: MetricsRecorder = createMetricsRecorder()): Telemetry {
  return createTelemetry({ function: name, environment: 'test', version: 'test', projectId: 'switchyard-test', settings: loggingSettings('test'), metrics });
}
