// The text of a change stream (Server-Sent Events, OFREP 0.3 / ADR-0008): what a browser's
// EventSource and the OFREP web provider read.

/** The ETag of a flag configuration: its environment's version, as OFREP's `flagConfigEtag` echoes it. */
export const configEtag = (version: number): string => `"${version}"`;

/**
 * The version a client's `flagConfigEtag` names: our configuration ETag (`"12"`), or a bulk
 * answer's ETag (`"12-abc"`), weak or not, or the bare number. Undefined when it names none.
 */
export function versionOfEtag(etag: string): number | undefined {
  // Quotes in pairs and a digest after a dash: an etag cut short or padded names no version.
  const m = /^(?:W\/)?(?:"(\d{1,15})(?:-[0-9a-z]+)?"|(\d{1,15}))$/.exec(etag.trim());
  return m ? Number(m[1] ?? m[2]) : undefined;
}

/** One refetchEvaluation notice; its id is the version, so a reconnecting client's Last-Event-ID says what it saw. */
export function refetchEvent(version: number, lastModifiedMs: number): string {
  const data = JSON.stringify({ type: 'refetchEvaluation', etag: configEtag(version), lastModified: Math.floor(lastModifiedMs / 1000) });
  return `id: ${version}\ndata: ${data}\n\n`;
}

/** The first bytes of a stream: how long EventSource should wait before reconnecting. */
export const retryHint = (ms: number): string => `retry: ${ms}\n\n`;

/** A comment line: ignored by EventSource, it keeps proxies from closing an idle connection. */
export const HEARTBEAT = ':\n\n';
