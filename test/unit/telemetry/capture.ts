// Lines a logger writes to stdout, captured while `run` runs: the JSON ones parsed, without the
// one diagnostic line logging-winston prints at its first write.

// Even under a bare `mocha`, Google's libraries must not probe the metadata server.
process.env.METADATA_SERVER_DETECTION = 'none';

export type LogLine = Record<string, unknown> & { severity: string; message?: string };

export type Captured = { readonly lines: LogLine[]; readonly raw: string[] };

/** `run` may read the lines so far (a request's line is written after its response closes). */
export async function captureStdout(run: (lines: () => LogLine[]) => unknown): Promise<Captured> {
  const raw: string[] = [];
  const write = process.stdout.write;
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    raw.push(...text.split('\n').filter((l) => l.length > 0));
    const callback = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
    callback?.();
    return true;
  }) as typeof process.stdout.write;
  try {
    await run(() => parse(raw));
    // Lines reach stdout together at the end of the turn they were written in.
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    process.stdout.write = write;
  }
  return { lines: parse(raw), raw };
}

function parse(raw: readonly string[]): LogLine[] {
  return raw.flatMap((line) => {
    try {
      const parsed = JSON.parse(line) as LogLine;
      return 'logging.googleapis.com/diagnostic' in parsed ? [] : [parsed];
    } catch {
      return [];
    }
  });
}
