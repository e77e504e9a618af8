// Logging defaults per deployment stage, in one table: what a function logs when nothing
// overrides it. LOG_LEVEL, LOG_FORMAT and LOG_DEBUG_PER_SECOND (runtime config) override a row.

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const LOG_FORMATS = ['json', 'pretty'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

export const STAGES = ['local', 'test', 'staging', 'production'] as const;
export type Stage = (typeof STAGES)[number];

export type LoggingSettings = {
  readonly level: LogLevel;
  /** `json`: exactly the line Cloud Logging ingests; `pretty`: one short readable line. */
  readonly format: LogFormat;
  /** Debug lines written per second at most; the rest are counted and reported once a second. */
  readonly debugPerSecond: number;
  /** Request and response bodies (debug only) are cut to this many characters. */
  readonly bodyChars: number;
  /** Body fields replaced by "[masked]" wherever they appear (case-insensitive). */
  readonly maskedFields: readonly string[];
  /** Body fields whose e-mail addresses are kept; anywhere else they become "[email]". */
  readonly allowEmailFields: readonly string[];
};

/** Secrets, and the evaluation context: logs never carry raw context values (DESIGN.md section 4). */
const MASKED_FIELDS = ['password', 'secret', 'token', 'apiKey', 'authorization', 'context', 'contexts', 'targetingKey'] as const;

//                                          level     format    debug/s  body chars
export const LOGGING_DEFAULTS = {
  local:      { level: 'info',  format: 'pretty', debugPerSecond: 1000, bodyChars: 4096, maskedFields: MASKED_FIELDS, allowEmailFields: ['actor'] },
  test:       { level: 'error', format: 'json',   debugPerSecond: 1000, bodyChars: 1024, maskedFields: MASKED_FIELDS, allowEmailFields: ['actor'] },
  staging:    { level: 'info',  format: 'json',   debugPerSecond: 50,   bodyChars: 2048, maskedFields: MASKED_FIELDS, allowEmailFields: ['actor'] },
  production: { level: 'info',  format: 'json',   debugPerSecond: 20,   bodyChars: 1024, maskedFields: MASKED_FIELDS, allowEmailFields: ['actor'] },
} as const satisfies Record<Stage, LoggingSettings>;

export type LoggingOverrides = { readonly LOG_LEVEL?: LogLevel | undefined; readonly LOG_FORMAT?: LogFormat | undefined; readonly LOG_DEBUG_PER_SECOND?: number | undefined };

/** The stage's row with whatever the environment overrides. */
export function loggingSettings(stage: Stage, overrides: LoggingOverrides = {}): LoggingSettings {
  const row: LoggingSettings = LOGGING_DEFAULTS[stage];
  return {
    ...row,
    level: overrides.LOG_LEVEL ?? row.level,
    format: overrides.LOG_FORMAT ?? row.format,
    debugPerSecond: overrides.LOG_DEBUG_PER_SECOND ?? row.debugPerSecond,
  };
}
