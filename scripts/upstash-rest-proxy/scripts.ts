// Lua scripts that Redis 7.0 would refuse: Upstash accepts `#!lua flags=allow-key-locking`
// (@upstash/ratelimit sends it), Redis 7.0 answers "Unexpected flag in script shebang".

import { createHash } from 'node:crypto';

const UNSUPPORTED_FLAGS = new Set(['allow-key-locking']);

export function sha1(source: string): string {
  return createHash('sha1').update(source).digest('hex');
}

/** The script without the flags Redis 7.0 rejects; other flags (`no-writes`, ...) stay. */
export function rewriteScript(source: string): string {
  const match = /^#!lua([^\n]*)/.exec(source);
  if (!match?.[1]) return source;
  const options = match[1].trim().split(/\s+/).flatMap((option) => {
    if (!option.startsWith('flags=')) return [option];
    const kept = option.slice('flags='.length).split(',').filter((flag) => flag && !UNSUPPORTED_FLAGS.has(flag));
    return kept.length ? [`flags=${kept.join(',')}`] : [];
  });
  return `#!lua${options.length ? ` ${options.join(' ')}` : ''}${source.slice(match[0].length)}`;
}

/**
 * Remembers which SHA1 the client computed (of the original script) for each script we rewrote,
 * so its EVALSHA finds the rewritten script that Redis holds.
 */
export class ScriptShas {
  readonly #redisSha = new Map<string, string>();

  /** Rewrites `source` and remembers the SHA pair; returns what Redis should run. */
  rewrite(source: string): string {
    const rewritten = rewriteScript(source);
    if (rewritten !== source) this.#redisSha.set(sha1(source), sha1(rewritten));
    return rewritten;
  }

  toRedis(clientSha: string): string {
    return this.#redisSha.get(clientSha.toLowerCase()) ?? clientSha;
  }
}
