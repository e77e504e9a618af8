// Turns Redis replies (read as Buffers) into the JSON values of the Upstash REST protocol.

export type Encoding = 'utf8' | 'base64';

export type UpstashReply = { readonly result: unknown } | { readonly error: string };

/**
 * With `Upstash-Encoding: base64` every string is base64 except the status `OK`, which the client
 * keeps as it is; integers and nulls are plain JSON in both encodings.
 */
export function encodeReply(value: unknown, encoding: Encoding): unknown {
  if (Buffer.isBuffer(value)) {
    if (encoding === 'utf8') return value.toString('utf8');
    return value.length === 2 && value.toString('latin1') === 'OK' ? 'OK' : value.toString('base64');
  }
  if (Array.isArray(value)) return value.map((item) => encodeReply(item, encoding));
  if (typeof value === 'string') return encodeReply(Buffer.from(value), encoding);
  if (value === undefined) return null;
  return value;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** One pipeline or transaction entry: ioredis gives `[error, value]` pairs. */
export function encodeEntry([error, value]: [Error | null, unknown], encoding: Encoding): UpstashReply {
  return error ? { error: errorMessage(error) } : { result: encodeReply(value, encoding) };
}
