// Log lines go to stdout in one write per turn of the event loop rather than one per line: under
// load a line per request costs a system call each, and the platform's log agent reads the same
// bytes either way. What is still buffered when the process exits is written synchronously.

import { writeSync } from 'node:fs';

export type LineSink = { write: (line: string) => boolean };

let pending: string[] = [];
let scheduled = false;
let exitHooked = false;

function flush(): void {
  scheduled = false;
  if (pending.length === 0) return;
  const text = pending.join('');
  pending = [];
  process.stdout.write(text);
}

function flushSync(): void {
  if (pending.length === 0) return;
  const text = pending.join('');
  pending = [];
  try {
    writeSync(1, text);
  } catch {
    // stdout closed: nothing left to tell.
  }
}

/** A stdout that takes whole lines and writes them together after the current turn. */
export function batchedStdout(): LineSink {
  if (!exitHooked) {
    exitHooked = true;
    process.once('exit', flushSync);
  }
  return {
    write(line) {
      pending.push(line);
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
      return true;
    },
  };
}
