// Evaluate answers with the version each came from, and the freshness contract checked on them
// (DESIGN.md section 4: every answer reflects every write acknowledged more than the bound before
// the request was sent). Shared by the live benchmark and test/integration/freshness.
// All times are this process's performance.now(): the writes are acknowledged to this process too.

export type Route = 'bulk' | 'flag';

export type Answer = {
  readonly instance: number;
  readonly route: Route;
  readonly sentAt: number;
  readonly receivedAt: number;
  readonly status: number;
  /**
   * The version the answer came from: bulk, the environment's (`metadata.version`); single flag,
   * the flag document's (`metadata.flagVersion`, its record version).
   */
  readonly version: number;
  /** The answer said STALE (its snapshot could not be confirmed within the bound). */
  readonly stale: boolean;
};

/**
 * A write as the admin API acknowledged it: the environment version it made, the written flag's
 * record version, and when the 2xx answer arrived.
 */
export type Ack = { readonly version: number; readonly flagVersion: number; readonly ackAt: number };

/** The version of `ack` an answer of `route` is compared with. */
export const owedBy = (ack: Ack, route: Route): number => (route === 'bulk' ? ack.version : ack.flagVersion);

const HEADERS = (sdkKey: string) => ({ authorization: `Bearer ${sdkKey}`, 'content-type': 'application/json' });
const BODY = '{"context":{"targetingKey":"live-user"}}';

type FlagBody = { reason?: string; metadata?: { flagVersion?: number } };

/**
 * One evaluation: bulk (the environment's version from `metadata.version`), or the single flag
 * `flagKey` (its record version, `flagVersion`: the writes under test all write that flag).
 * `query` is appended to the bulk URL.
 */
export async function ask(url: string, sdkKey: string, instance: number, route: Route, flagKey: string, query = ''): Promise<Answer & { readonly body: unknown }> {
  const sentAt = performance.now();
  const response = await fetch(route === 'bulk' ? `${url}/ofrep/v1/evaluate/flags${query}` : `${url}/ofrep/v1/evaluate/flags/${flagKey}`, { method: 'POST', headers: HEADERS(sdkKey), body: BODY });
  const body = (await response.json()) as { metadata?: { version?: number; flagVersion?: number }; flags?: FlagBody[]; reason?: string };
  const receivedAt = performance.now();
  const version = route === 'bulk' ? body.metadata?.version : body.metadata?.flagVersion;
  const stale = route === 'bulk' ? (body.flags ?? []).some((f) => f.reason === 'STALE') : body.reason === 'STALE';
  return { instance, route, sentAt, receivedAt, status: response.status, version: typeof version === 'number' ? version : -1, stale, body };
}

/** The newest version (as `route` answers it) acknowledged before `at`; 0 when none. */
export function acknowledgedBefore(acks: readonly Ack[], at: number, route: Route): number {
  let version = 0;
  for (const ack of acks) if (ack.ackAt < at) version = Math.max(version, owedBy(ack, route));
  return version;
}

export type Violation = { readonly answer: Answer; readonly owed: number; readonly lateByMs: number };

/**
 * Answers older than the bound: version below the newest write acknowledged more than `boundMs`
 * before the request was sent. Deterministic given the recorded acknowledgement times.
 */
export function violations(answers: readonly Answer[], acks: readonly Ack[], boundMs: number): Violation[] {
  const found: Violation[] = [];
  for (const answer of answers) {
    if (answer.status !== 200) continue;
    const owed = acknowledgedBefore(acks, answer.sentAt - boundMs, answer.route);
    if (answer.version < owed) {
      const ack = acks.find((a) => owedBy(a, answer.route) > answer.version)!;
      found.push({ answer, owed, lateByMs: answer.sentAt - ack.ackAt });
    }
  }
  return found;
}
