// Attribution of a tracked event (POST /v1/track) to the variant the user is served at that
// moment, for each flag with a running release plan: the flag is evaluated for the event's
// context, and when the plan's rule served it by its split, the event is counted for that variant
// (tracked_events, and tracked_event_values for its value). The application never says the variant.

import { evaluate, type CompiledFlag, type Context } from '../rules/index.ts';
import type { MetricsRecorder } from '../telemetry/recorder.ts';

/** Flags with a running plan, each with the rule its plan moves. */
export type RunningReleases = ReadonlyMap<string, string>;

export type TrackedEvent = { readonly event: string; readonly count: number; readonly value?: number };

export function attributeEvent(environment: string, flags: ReadonlyMap<string, CompiledFlag>, running: RunningReleases, context: Context, now: number, tracked: TrackedEvent, metrics: MetricsRecorder): { readonly flag: string; readonly variant: string }[] {
  const attributed: { flag: string; variant: string }[] = [];
  for (const [flag, ruleId] of running) {
    const compiled = flags.get(flag);
    if (!compiled) continue;
    const result = evaluate(compiled, context, { now });
    // Only the plan's own split counts: users served by other rules are not in the comparison.
    if (result.reason !== 'SPLIT' || result.ruleId !== ruleId) continue;
    const labels = { environment, flag, variant: result.variant, event: tracked.event };
    metrics.count('tracked_events', labels, tracked.count);
    if (tracked.value !== undefined) metrics.observe('tracked_event_values', labels, tracked.value);
    attributed.push({ flag, variant: result.variant });
  }
  return attributed;
}

/** Running plans of an environment, read at most once per `ttlMs` per instance (plans move once a minute). */
export function cachedRunningReleases(read: (environment: string) => Promise<RunningReleases>, options: { ttlMs: number; now?: () => number }): (environment: string) => Promise<RunningReleases> {
  const now = options.now ?? Date.now;
  const held = new Map<string, { at: number; value: Promise<RunningReleases> }>();
  return (environment) => {
    const entry = held.get(environment);
    if (entry && now() - entry.at < options.ttlMs) return entry.value;
    const value = read(environment).catch((error: unknown) => {
      // A failed read is not remembered: the next event tries again.
      held.delete(environment);
      throw error;
    });
    held.set(environment, { at: now(), value });
    return value;
  };
}
