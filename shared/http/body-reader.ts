// A request body read by us alone and counted as it arrives: its wire bytes and, through the
// decoder of its Content-Encoding, its decoded bytes, each against the limit while reading. It is
// read in two steps: at most PRE_AUTH_BYTES before routing (all an anonymous caller can make the
// process hold), and the rest only when a route that has admitted the caller asks for it, with
// that route's limit. See body-gate.ts for where the first step runs.

import type { IncomingMessage } from 'node:http';
import { decodeBounded, decoderFor, type Coding } from './content-coding.ts';
import type { MaybePromise } from './maybe-async.ts';
import { processBodyBudget, type ByteBudget } from './body-budget.ts';

/** What is read before the caller is known: the evaluate body limit, so evaluate's traffic is whole before routing. */
export const PRE_AUTH_BYTES = 64 * 1024;

export type BodyOutcome =
  | { readonly kind: 'complete'; readonly bytes: Buffer }
  /** `size` is the declared length when that alone settled it. */
  | { readonly kind: 'too_large'; readonly limit: number; readonly size?: number }
  | { readonly kind: 'corrupt'; readonly message: string }
  | { readonly kind: 'aborted' }
  /** The process holds as many body bytes as it may (body-budget.ts): try again shortly. */
  | { readonly kind: 'busy' };

export type BodyReader = {
  /** Wire bytes taken off the connection so far. */
  readonly wireBytes: () => number;
  /** The decoded body if it is at most `limit` bytes; at once when that is already known. */
  readonly read: (limit: number) => MaybePromise<BodyOutcome>;
};

type Settled = Extract<BodyOutcome, { kind: 'complete' | 'corrupt' }>;

const tooLarge = (limit: number, size?: number): BodyOutcome => (size === undefined ? { kind: 'too_large', limit } : { kind: 'too_large', limit, size });

export type PrefetchingReader = BodyReader & { readonly prefetch: (maxWireBytes: number) => Promise<'complete' | 'pending' | 'aborted'> };

export function createBodyReader(req: IncomingMessage, coding: Coding, declared: number | undefined, budget: ByteBudget = processBodyBudget): PrefetchingReader {
  let chunks: Buffer[] = [];
  let wire = 0;
  let ended = false;
  let aborted = false;
  let settled: Settled | undefined;
  /** A lower bound on the decoded size, learnt when a bounded decode overflowed. */
  let decodedAtLeast = 0;

  const keep = (outcome: Settled): Settled => {
    settled = outcome;
    chunks = [];
    if (outcome.kind === 'complete') (req as IncomingMessage & { rawBody?: Buffer }).rawBody = outcome.bytes;
    return outcome;
  };

  const prefetch = (maxWireBytes: number) =>
    new Promise<'complete' | 'pending' | 'aborted'>((resolve) => {
      const stop = () => {
        req.off('data', onData).off('end', onEnd).off('error', onClose).off('close', onClose);
        req.pause();
        if (aborted) return resolve('aborted');
        if (!ended) return resolve('pending');
        const decoded = decodeBounded(coding, Buffer.concat(chunks, wire), PRE_AUTH_BYTES);
        if (decoded.ok) keep({ kind: 'complete', bytes: decoded.bytes });
        else if (decoded.reason === 'corrupt') keep({ kind: 'corrupt', message: decoded.message });
        else decodedAtLeast = PRE_AUTH_BYTES + 1;
        resolve(settled ? 'complete' : 'pending');
      };
      const onData = (chunk: Buffer) => {
        chunks.push(chunk);
        wire += chunk.length;
        if (wire > maxWireBytes) stop();
      };
      const onEnd = () => {
        ended = true;
        stop();
      };
      const onClose = () => {
        if (!ended) aborted = true;
        stop();
      };
      req.on('data', onData).on('end', onEnd).on('error', onClose).on('close', onClose);
    });

  /** Reads the rest of the body through its decoder, counting both sides, and stops past `limit`. */
  const drain = (limit: number) =>
    new Promise<BodyOutcome>((resolve) => {
      const decoder = decoderFor(coding);
      const out: Buffer[] = [];
      let size = 0;
      /** Bytes taken from the process's budget while this body is read; given back when reading ends. */
      let held = 0;
      const hold = (bytes: number) => {
        if (!budget.take(bytes)) return false;
        held += bytes;
        return true;
      };
      let finished = false;
      let inputDone = false;
      let decoderDone = decoder === undefined;
      const finish = (outcome: BodyOutcome) => {
        if (finished) return;
        finished = true;
        budget.give(held);
        held = 0;
        req.off('data', onWire).off('end', endInput).off('error', onClose).off('close', onClose);
        if (outcome.kind === 'complete' || outcome.kind === 'corrupt') keep(outcome);
        else {
          // Nothing more is read: the answer goes out with Connection: close (body-gate.ts).
          req.pause();
          decoder?.destroy();
          chunks = [];
        }
        resolve(outcome);
      };
      const take = (chunk: Buffer) => {
        if (finished) return;
        size += chunk.length;
        if (size > limit) finish(tooLarge(limit));
        else if (!hold(chunk.length)) finish({ kind: 'busy' });
        else out.push(chunk);
      };
      const maybeDone = () => inputDone && decoderDone && finish({ kind: 'complete', bytes: Buffer.concat(out, size) });
      /** False when the decoder wants the input to wait. */
      const feed = (chunk: Buffer): boolean => {
        if (decoder === undefined) {
          take(chunk);
          return true;
        }
        // Bytes after the end of the compressed stream are only counted (as wire bytes).
        return decoderDone || decoder.write(chunk);
      };
      const endInput = () => {
        ended = true;
        inputDone = true;
        if (decoder !== undefined && !decoderDone) decoder.end();
        else maybeDone();
      };
      const onWire = (chunk: Buffer) => {
        wire += chunk.length;
        if (wire > limit) return finish(tooLarge(limit));
        // Compressed input waits in the decoder's buffers: it counts until the body is read.
        if (decoder !== undefined && !hold(chunk.length)) return finish({ kind: 'busy' });
        if (!feed(chunk)) {
          req.pause();
          decoder!.once('drain', () => finished || req.resume());
        }
      };
      const onClose = () => {
        if (ended) return;
        aborted = true;
        finish({ kind: 'aborted' });
      };
      if (decoder !== undefined) {
        decoder.on('data', take);
        decoder.on('end', () => {
          decoderDone = true;
          maybeDone();
        });
        decoder.on('error', (error: Error) => finish({ kind: 'corrupt', message: `the body is not valid ${coding}: ${error.message}` }));
      }
      const buffered = chunks;
      chunks = [];
      for (const chunk of buffered) feed(chunk);
      if (ended) return endInput();
      req.on('data', onWire).on('end', endInput).on('error', onClose).on('close', onClose);
      req.resume();
    });

  const read = (limit: number): MaybePromise<BodyOutcome> => {
    if (settled) return settled.kind === 'complete' && settled.bytes.length > limit ? tooLarge(limit, settled.bytes.length) : settled;
    if (aborted) return { kind: 'aborted' };
    if (declared !== undefined && declared > limit) return tooLarge(limit, declared);
    // A compressed body is never much larger than what it decodes to: its wire bytes count too.
    if (wire > limit || decodedAtLeast > limit) return tooLarge(limit);
    return drain(limit);
  };

  return { wireBytes: () => wire, read, prefetch };
}

const READER = Symbol('switchyard.bodyReader');

type WithReader = { [READER]?: BodyReader };

export function attachBodyReader(req: object, reader: BodyReader): void {
  (req as WithReader)[READER] = reader;
}

/** The reader body-gate.ts gave this request; none when it had no body. */
export function bodyReaderOf(req: object): BodyReader | undefined {
  return (req as WithReader)[READER];
}
