// The change streams open on one instance, grouped by environment. For each environment with an
// open stream the hub knows the current version from two sources: the change feed (a notice a few
// milliseconds after a write, from any instance) and its own version read every `pollMs` (the
// guarantee when a notice is lost). A stream instance always has a request in flight while it has
// streams, so Cloud Run gives it CPU and these timers run.
//
// PERFORMANCE NOTE: an idle stream costs its socket, Node's response object and one small record
// here; heartbeats and lifetimes are checked by one timer for the whole instance, and a notice is
// formatted once and written to every stream of its environment.

import type { ChangeFeed } from '../../shared/cache/change-feed.ts';
import type { MetricsRecorder } from '../../shared/telemetry/recorder.ts';
import { HEARTBEAT, refetchEvent } from '../../shared/streams/events.ts';
import type { HttpResponse } from '../../shared/http/types.ts';

export type HubOptions = {
  /** The environment's version as the store (through the snapshot tier) has it. */
  readonly versionOf: (environment: string) => Promise<number | undefined>;
  /** Whether the key (by hash) may still evaluate: checked again on every version change, which a revocation causes. */
  readonly keyStands: (keyHash: string) => Promise<boolean>;
  readonly changes?: Pick<ChangeFeed, 'subscribe'>;
  readonly pollMs: number;
  readonly heartbeatMs: number;
  /** Streams are ended after this long (each within its last tenth, so reconnects spread out). */
  readonly maxLifetimeMs: number;
  readonly perKeyLimit: number;
  readonly now?: () => number;
  readonly metrics?: MetricsRecorder;
  readonly log?: (message: string, fields: Record<string, unknown>) => void;
};

type Stream = {
  readonly response: HttpResponse;
  readonly environment: string;
  readonly keyHash: string;
  readonly endsAt: number;
};

type Watched = {
  readonly streams: Set<Stream>;
  version: number;
  lastModified: number;
  poll: ReturnType<typeof setInterval> | undefined;
  checking: boolean;
};

/** `gone`: the client left while the environment's version was read; nothing was registered. */
export type OpenResult = { readonly ok: true } | { readonly ok: false; readonly reason: 'limit' | 'unknown-environment' | 'gone' };

export type Hub = {
  /**
   * Registers an SSE response unless the key holds its limit of streams or the environment is
   * unknown; `start` writes the stream's headers once it is accepted. Sends at once the notice a
   * client that saw version `seen` has missed. Forgets the stream when the client leaves.
   */
  readonly open: (response: HttpResponse, grant: { readonly environment: string; readonly keyHash: string }, seen: number | undefined, start: () => void) => Promise<OpenResult>;
  readonly count: () => number;
  /** Ends every stream (the instance is shutting down). */
  readonly close: () => void;
};

export function createHub(options: HubOptions): Hub {
  const now = options.now ?? Date.now;
  const { metrics } = options;
  const watched = new Map<string, Watched>();
  const perKey = new Map<string, number>();
  let total = 0;

  const send = (stream: Stream, text: string) => {
    if (!stream.response.writableEnded) stream.response.write(text);
  };

  const announce = (environment: string, version: number, at: number, delayed: boolean) => {
    const state = watched.get(environment);
    if (!state || version <= state.version) return;
    state.version = version;
    state.lastModified = at;
    if (delayed) metrics?.observe('change_notice_delay', { function: 'streams' }, Math.max(0, now() - at));
    const text = refetchEvent(version, at);
    for (const stream of state.streams) send(stream, text);
    metrics?.count('stream_events', { environment, kind: 'change' }, state.streams.size);
    void recheckKeys(state);
  };

  /** A version change may be a key's revocation: end the streams of keys that no longer stand. */
  async function recheckKeys(state: Watched) {
    const hashes = new Set([...state.streams].map((s) => s.keyHash));
    for (const hash of hashes) {
      const stands = await options.keyStands(hash).catch(() => true);
      if (stands) continue;
      for (const stream of state.streams) {
        if (stream.keyHash !== hash) continue;
        metrics?.count('stream_refusals', { reason: 'revoked' });
        stream.response.end();
      }
    }
  }

  async function poll(environment: string) {
    const state = watched.get(environment);
    if (!state || state.checking) return;
    state.checking = true;
    try {
      const version = await options.versionOf(environment);
      if (version !== undefined) announce(environment, version, now(), false);
    } catch (error) {
      options.log?.('stream version check failed', { environment, error: error instanceof Error ? error.message : String(error) });
    } finally {
      state.checking = false;
    }
  }

  const unsubscribe = options.changes?.subscribe((change) => announce(change.environment, change.version, change.at, true));

  // Heartbeats and lifetimes: one timer for the instance, whatever the number of streams.
  const ticker = setInterval(() => {
    const at = now();
    for (const state of watched.values()) {
      for (const stream of state.streams) {
        if (at >= stream.endsAt) stream.response.end();
        else send(stream, HEARTBEAT);
      }
    }
  }, options.heartbeatMs);
  ticker.unref?.();

  metrics?.sampleOnDrain(() => {
    for (const [environment, state] of watched) metrics.gauge('streams_open', { environment }, state.streams.size);
  });

  function forget(stream: Stream) {
    const state = watched.get(stream.environment);
    if (!state?.streams.delete(stream)) return;
    total--;
    const left = (perKey.get(stream.keyHash) ?? 1) - 1;
    if (left > 0) perKey.set(stream.keyHash, left);
    else perKey.delete(stream.keyHash);
    if (state.streams.size === 0) forgetEnvironment(stream.environment);
  }

  function forgetEnvironment(environment: string) {
    clearInterval(watched.get(environment)?.poll);
    watched.delete(environment);
  }

  async function watch(environment: string): Promise<Watched | undefined> {
    const existing = watched.get(environment);
    if (existing) return existing;
    const version = await options.versionOf(environment);
    if (version === undefined) return undefined;
    // Another stream of the environment may have started watching while the version was read.
    const raced = watched.get(environment);
    if (raced) return raced;
    const state: Watched = { streams: new Set(), version, lastModified: now(), poll: undefined, checking: false };
    state.poll = setInterval(() => void poll(environment), options.pollMs);
    state.poll.unref?.();
    watched.set(environment, state);
    return state;
  }

  return {
    open: async (response, grant, seen, start) => {
      if ((perKey.get(grant.keyHash) ?? 0) >= options.perKeyLimit) return { ok: false, reason: 'limit' };
      const state = await watch(grant.environment);
      if (!state) return { ok: false, reason: 'unknown-environment' };
      // The client may have left during the read: its 'close' has been emitted already and would
      // never reach a listener added now, so its stream would hold the key's place for good.
      if (response.destroyed || response.closed) {
        if (state.streams.size === 0) forgetEnvironment(grant.environment);
        return { ok: false, reason: 'gone' };
      }
      // Counted again: other streams of the key may have opened while the version was read.
      if ((perKey.get(grant.keyHash) ?? 0) >= options.perKeyLimit) {
        if (state.streams.size === 0) forgetEnvironment(grant.environment);
        return { ok: false, reason: 'limit' };
      }
      start();
      const lifetime = options.maxLifetimeMs * (0.9 + Math.random() * 0.1);
      const stream: Stream = { response, environment: grant.environment, keyHash: grant.keyHash, endsAt: now() + lifetime };
      state.streams.add(stream);
      total++;
      perKey.set(grant.keyHash, (perKey.get(grant.keyHash) ?? 0) + 1);
      response.once('close', () => forget(stream));
      if (seen !== undefined && seen < state.version) {
        send(stream, refetchEvent(state.version, state.lastModified));
        metrics?.count('stream_events', { environment: grant.environment, kind: 'resume' });
      }
      return { ok: true };
    },
    count: () => total,
    close: () => {
      clearInterval(ticker);
      unsubscribe?.();
      for (const state of watched.values()) for (const stream of state.streams) stream.response.end();
    },
  };
}
