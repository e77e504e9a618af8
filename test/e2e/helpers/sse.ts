// A change stream read by hand (fetch and a reader), for what EventSource hides: the status and
// headers, the retry hint, heartbeat comments and the moment the server ends the stream. Frames
// (the text between blank lines) arrive in an inbox a test waits on with a bounded timeout.

import { inbox, type Inbox } from '../../helpers/inbox.ts';

export type RawStream = {
  readonly status: number;
  readonly headers: Headers;
  /** Each frame's text; `'<end>'` once the server ended the stream. */
  readonly frames: Inbox<string>;
  readonly ended: () => boolean;
  readonly close: () => void;
};

export async function openRaw(url: string, headers: Record<string, string> = {}): Promise<RawStream> {
  const abort = new AbortController();
  const response = await fetch(url, { headers: { Accept: 'text/event-stream', ...headers }, signal: abort.signal });
  const frames = inbox<string>();
  let ended = false;
  if (response.body) {
    void (async () => {
      const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
      let buffered = '';
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffered += value;
          let cut: number;
          while ((cut = buffered.indexOf('\n\n')) >= 0) {
            frames.push(buffered.slice(0, cut));
            buffered = buffered.slice(cut + 2);
          }
        }
      } catch {
        // aborted by close()
      }
      ended = true;
      frames.push('<end>');
    })();
  }
  return { status: response.status, headers: response.headers, frames, ended: () => ended, close: () => abort.abort() };
}

/** A refetchEvaluation frame's id and data. */
export function eventOf(frame: string): { id: string; data: { type: string; etag: string; lastModified: number } } | undefined {
  const id = /^id: (.*)$/m.exec(frame)?.[1];
  const data = /^data: (.*)$/m.exec(frame)?.[1];
  return id !== undefined && data !== undefined ? { id, data: JSON.parse(data) } : undefined;
}
