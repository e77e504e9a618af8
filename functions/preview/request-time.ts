// The `now` of a preview request: an RFC 3339 instant with an explicit offset, or the server clock.

import * as z from 'zod';

export const NowSchema = z.iso.datetime({ offset: true });

export function instantOf(now: string | undefined, clock: () => number): number {
  return now === undefined ? clock() : Date.parse(now);
}
