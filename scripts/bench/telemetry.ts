// The telemetry a benchmark builds a function with, as the function's root would: from the runtime
// configuration of this process's environment (the stage's logging, LOG_LEVEL and the rest).

import { readRuntimeConfig } from '../../shared/config/runtime-config.ts';
import { instanceTelemetry, type Telemetry } from '../../shared/telemetry/telemetry.ts';

export function benchTelemetry(name: string): Telemetry {
  return instanceTelemetry(readRuntimeConfig()).of(name);
}
