// Checks a command from a REST body and adapts it for ioredis and Redis 7.0.

import { ScriptShas, sha1 } from './scripts.ts';

export type Command = {
  /** Upper case: ioredis applies its reply transformers (hgetall → object) to lower-case names only. */
  readonly name: string;
  readonly args: string[];
  /** Restores what the client expects where the proxy changed the command (SCRIPT LOAD's SHA). */
  readonly fixReply: (value: unknown) => unknown;
};

// Per-connection state or a blocking wait would leak into every other request on the shared connection.
const REFUSED = new Set(['SELECT', 'SUBSCRIBE', 'PSUBSCRIBE', 'SSUBSCRIBE', 'MONITOR', 'QUIT', 'RESET', 'WATCH', 'MULTI', 'EXEC', 'DISCARD', 'CLIENT', 'BLPOP', 'BRPOP', 'BLMOVE', 'BRPOPLPUSH', 'BLMPOP', 'BZPOPMIN', 'BZPOPMAX', 'BZMPOP', 'WAIT']);

const keep = (value: unknown) => value;

export class CommandError extends Error {}

export function parseCommand(raw: unknown, shas: ScriptShas): Command {
  if (!Array.isArray(raw) || raw.length === 0) throw new CommandError('ERR a command is a non-empty JSON array, e.g. ["SET","key","value"]');
  const parts = raw.map((part) => {
    if (typeof part === 'string') return part;
    if (typeof part === 'number' || typeof part === 'boolean') return String(part);
    throw new CommandError(`ERR command arguments are strings or numbers, got ${JSON.stringify(part)}`);
  });
  const name = parts[0]!.toUpperCase();
  const args = parts.slice(1);
  if (REFUSED.has(name)) throw new CommandError(`ERR Command is not available: '${parts[0]}'`);
  return adaptScripts({ name, args, fixReply: keep }, shas);
}

function adaptScripts(command: Command, shas: ScriptShas): Command {
  const { name, args } = command;
  if ((name === 'EVAL' || name === 'EVAL_RO') && args[0] !== undefined) {
    return { ...command, args: [shas.rewrite(args[0]), ...args.slice(1)] };
  }
  if ((name === 'EVALSHA' || name === 'EVALSHA_RO') && args[0] !== undefined) {
    return { ...command, args: [shas.toRedis(args[0]), ...args.slice(1)] };
  }
  const sub = args[0]?.toUpperCase();
  if (name === 'SCRIPT' && sub === 'LOAD' && args[1] !== undefined) {
    const clientSha = sha1(args[1]);
    return { name, args: ['LOAD', shas.rewrite(args[1])], fixReply: () => Buffer.from(clientSha) };
  }
  if (name === 'SCRIPT' && sub === 'EXISTS') {
    return { ...command, args: ['EXISTS', ...args.slice(1).map((sha) => shas.toRedis(sha))] };
  }
  return command;
}
