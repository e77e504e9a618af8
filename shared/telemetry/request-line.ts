// The one line per request, in exactly the JSON the logging-winston transport prints for the same
// event (a test compares the two), built without the library. PERFORMANCE NOTE: the library deep-
// copies each entry three times and builds an Entry, about 50 µs a request under load, which cost
// the evaluate function a quarter of its throughput (scripts/bench/http.ts); this costs a few.
// Every other line still goes through logging-winston.

import { batchedStdout, type LineSink } from './stdout-batch.ts';

export type RequestLineLevel = 'debug' | 'info' | 'warn' | 'error';

const SEVERITY: Record<RequestLineLevel, string> = { debug: 'DEBUG', info: 'INFO', warn: 'WARNING', error: 'ERROR' };
const LABELS_KEY = 'logging.googleapis.com/labels';

export type RequestLineWriter = (level: RequestLineLevel, message: string, fields: Readonly<Record<string, unknown>>) => void;

export function requestLineWriter(options: { projectId: string; logName: string; labels: Readonly<Record<string, string>>; sink?: LineSink; now?: () => number }): RequestLineWriter {
  const sink = options.sink ?? batchedStdout();
  const now = options.now ?? Date.now;
  const logName = `projects/${options.projectId}/logs/${options.logName}`;
  return (level, message, fields) => {
    const ms = now();
    const { [LABELS_KEY]: _ignored, labels, ...rest } = fields as Record<string, unknown>;
    const line = {
      timestamp: { seconds: Math.floor(ms / 1000), nanos: (ms % 1000) * 1e6 },
      severity: SEVERITY[level],
      [LABELS_KEY]: { ...options.labels, ...(labels as Record<string, string> | undefined) },
      ...rest,
      message,
      logName,
    };
    sink.write(`${JSON.stringify(line)}\n`);
  };
}
