// The one line per request, in exactly the JSON the logging-winston transport prints for the same
// event (a test compares the two), built without the library. PERFORMANCE NOTE: the library deep-
// copies each entry three times and builds an Entry, about 50 µs a request under load, which cost
// the evaluate function a quarter of its throughput (scripts/bench/http.ts); this costs a few.
// Every other line still goes through logging-winston.

import { batchedStdout, type LineSink } from './stdout-batch.ts';

export type RequestLineLevel = 'debug' | 'info' | 'warn' | 'error';

const SEVERITY: Record<RequestLineLevel, string> = { debug: 'DEBUG', info: 'INFO', warn: 'WARNING', error: 'ERROR' };
const LABELS_KEY = 'logging.googleapis.com/labels';

/** `scope` is the logger's own fields (request id label, trace); they win over `fields`. */
export type RequestLineWriter = (level: RequestLineLevel, message: string, fields: Readonly<Record<string, unknown>>, scope?: Readonly<Record<string, unknown>>) => void;

/** Keys the line sets itself; a field of the same name is left out rather than written twice. */
const OWN_KEYS = new Set(['timestamp', 'severity', LABELS_KEY, 'labels', 'message', 'logName']);

const NONE: Readonly<Record<string, unknown>> = Object.freeze({});

/**
 * PERFORMANCE NOTE: the line is written as text, member by member, with the constant parts
 * serialised once: spreading fields into one object after another and stringifying the result
 * cost the evaluate function a tenth of its throughput.
 */
export function requestLineWriter(options: { projectId: string; logName: string; labels: Readonly<Record<string, string>>; sink?: LineSink; now?: () => number }): RequestLineWriter {
  const sink = options.sink ?? batchedStdout();
  const now = options.now ?? Date.now;
  const tail = `,"message":%,"logName":${JSON.stringify(`projects/${options.projectId}/logs/${options.logName}`)}}\n`.split('%') as [string, string];
  const severities = Object.fromEntries(Object.entries(SEVERITY).map(([level, severity]) => [level, `,"severity":"${severity}","${LABELS_KEY}":`])) as Record<RequestLineLevel, string>;
  const staticLabels = JSON.stringify(options.labels);
  const labelsOf = (extra: Readonly<Record<string, string>> | undefined): string => {
    if (extra === undefined) return staticLabels;
    let out = '';
    for (const key in extra) {
      // A label that replaces a static one keeps its place: the object's own rules decide.
      if (Object.hasOwn(options.labels, key)) return JSON.stringify({ ...options.labels, ...extra });
      if (extra[key] !== undefined) out += `,${JSON.stringify(key)}:${JSON.stringify(extra[key])}`;
    }
    return out === '' ? staticLabels : staticLabels === '{}' ? `{${out.slice(1)}}` : `${staticLabels.slice(0, -1)}${out}}`;
  };
  const member = (key: string, value: unknown): string => {
    const text = JSON.stringify(value) as string | undefined;
    return text === undefined ? '' : `,${JSON.stringify(key)}:${text}`;
  };
  return (level, message, fields, scope = NONE) => {
    const ms = now();
    let line = `{"timestamp":{"seconds":${Math.floor(ms / 1000)},"nanos":${(ms % 1000) * 1e6}}${severities[level]}`;
    line += labelsOf((scope.labels ?? fields.labels) as Record<string, string> | undefined);
    for (const key in fields) if (!OWN_KEYS.has(key)) line += member(key, Object.hasOwn(scope, key) ? scope[key] : fields[key]);
    for (const key in scope) if (!OWN_KEYS.has(key) && !Object.hasOwn(fields, key)) line += member(key, scope[key]);
    sink.write(line + tail[0] + JSON.stringify(message) + tail[1]);
  };
}
