// THE catalogue of Switchyard's metrics: every metric anything records or writes, with its kind,
// unit, labels and meaning. Names are the contract with dashboards and alerts; recording a name
// that is not here, or with other labels, does not compile.

export const METRIC_PREFIX = 'custom.googleapis.com/switchyard/';

export type MetricKind = 'counter' | 'distribution' | 'gauge';

export type MetricSpec = {
  readonly kind: MetricKind;
  readonly unit: string;
  readonly labels: readonly string[];
  readonly description: string;
  /** Who records it: every function instance, or the aggregator from what instances sent. */
  readonly source: 'instance' | 'aggregator';
};

/** Upper bounds (ms) of latency buckets; one more bucket counts everything above the last. */
export const LATENCY_BUCKETS_MS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000] as const;

//  name                        kind            unit   labels                                           source
export const METRICS = {
  evaluations:              { kind: 'counter',      unit: '1',  labels: ['environment', 'flag', 'variant', 'reason'], source: 'instance',   description: 'Flag evaluations by flag, variant and reason (errors carry reason ERROR and variant "")' },
  evaluation_latency:       { kind: 'distribution', unit: 'ms', labels: ['environment', 'route'],                     source: 'instance',   description: 'Time to evaluate one request, from an admitted request to its answer' },
  rule_matches:             { kind: 'counter',      unit: '1',  labels: ['environment', 'flag', 'rule'],              source: 'instance',   description: 'Evaluations served by a rule; divided by evaluations of the flag, the rule match rate' },
  exposures:                { kind: 'counter',      unit: '1',  labels: ['environment', 'experiment', 'variant'],     source: 'instance',   description: 'Experiment exposures (split evaluations of an experiment) by variant' },
  cache_lookups:            { kind: 'counter',      unit: '1',  labels: ['cache', 'result'],                          source: 'instance',   description: 'Lookups of the snapshot and key caches, result hit or miss' },
  snapshot_age:             { kind: 'gauge',        unit: 's',  labels: ['environment'],                              source: 'instance',   description: 'Age of the compiled snapshot an instance serves, at the end of each interval' },
  snapshot_confirmations:   { kind: 'counter',      unit: '1',  labels: ['environment', 'outcome'],                   source: 'instance',   description: 'Answers that needed the snapshot\'s version confirmed first, by outcome: fresh (confirmed in time), deadline (answered from the held snapshot past the wait deadline), stale (store failing: answered unconfirmed at once)' },
  snapshot_confirmation_wait:{ kind: 'distribution', unit: 'ms', labels: ['environment'],                              source: 'instance',   description: 'How long an answer waited for its snapshot\'s version to be confirmed' },
  change_notice_delay:      { kind: 'distribution', unit: 'ms', labels: ['function'],                                 source: 'instance',   description: 'From a write\'s acknowledgement to its change notice reaching an instance (evaluate) or leaving for the browsers (streams)' },
  streams_open:             { kind: 'gauge',        unit: '1',  labels: ['environment'],                              source: 'instance',   description: 'Change streams (OFREP eventStreams) open on an instance, at the end of each interval' },
  stream_events:            { kind: 'counter',      unit: '1',  labels: ['environment', 'kind'],                      source: 'instance',   description: 'Change notices sent on streams: change (a new version), resume (missed while disconnected)' },
  stream_refusals:          { kind: 'counter',      unit: '1',  labels: ['reason'],                                   source: 'instance',   description: 'Streams refused or ended by the server: token (missing, forged, expired), revoked, limit' },
  errors:                   { kind: 'counter',      unit: '1',  labels: ['function', 'code', 'kind'],                 source: 'instance',   description: 'Error answers by problem code and kind (client, dependency, bug)' },
  dependency_failures:      { kind: 'counter',      unit: '1',  labels: ['function', 'dependency'],                   source: 'instance',   description: 'Failed or timed-out calls to Firestore, Redis or Pub/Sub' },
  http_requests:            { kind: 'counter',      unit: '1',  labels: ['function', 'route', 'status'],              source: 'instance',   description: 'HTTP requests by route pattern and status code' },
  http_latency:             { kind: 'distribution', unit: 'ms', labels: ['function', 'route'],                        source: 'instance',   description: 'HTTP request latency, from the handler being called to the last byte written' },
  rate_limit_hits:          { kind: 'counter',      unit: '1',  labels: ['function', 'key_id'],                       source: 'instance',   description: 'Requests counted against a key\'s rate limit' },
  rate_limit_rejections:    { kind: 'counter',      unit: '1',  labels: ['function', 'key_id'],                       source: 'instance',   description: 'Requests refused with 429 by the rate limit' },
  auth_failures:            { kind: 'counter',      unit: '1',  labels: ['function', 'reason'],                       source: 'instance',   description: 'Refused credentials by reason (missing, invalid, wrong_kind, forbidden, throttled)' },
  metrics_dropped:          { kind: 'counter',      unit: '1',  labels: ['function', 'reason'],                       source: 'instance',   description: 'Metric messages or series an instance dropped (buffer_full, cardinality)' },
  metrics_publish_failures: { kind: 'counter',      unit: '1',  labels: ['function'],                                 source: 'instance',   description: 'Publishes of a metrics message to Pub/Sub that failed or timed out (retried later)' },
  srm_p_value:              { kind: 'gauge',        unit: '1',  labels: ['environment', 'experiment'],                source: 'aggregator', description: 'Chi-squared p-value of the sample-ratio check of an experiment\'s exposures' },
  srm_mismatch:             { kind: 'gauge',        unit: '1',  labels: ['environment', 'experiment'],                source: 'aggregator', description: '1 while an experiment\'s exposures fail the sample-ratio check (p < 0.001), else 0' },
  aggregator_messages:      { kind: 'counter',      unit: '1',  labels: ['result'],                                   source: 'aggregator', description: 'Metrics messages the aggregator pulled (merged, duplicate, invalid)' },
  aggregator_runs:          { kind: 'counter',      unit: '1',  labels: ['outcome'],                                  source: 'aggregator', description: 'Aggregator runs by outcome (ok, failed)' },
  aggregator_lag:           { kind: 'gauge',        unit: 's',  labels: [],                                           source: 'aggregator', description: 'Age of the oldest message the last aggregator run merged' },
  aggregator_series_written:{ kind: 'counter',      unit: '1',  labels: [],                                           source: 'aggregator', description: 'Time series written to Cloud Monitoring' },
  tracked_events:           { kind: 'counter',      unit: '1',  labels: ['environment', 'flag', 'variant', 'event'],  source: 'instance',   description: 'Events the application tracked (POST /v1/track), attributed to the variant the user was served by a flag with a running release plan' },
  tracked_event_values:     { kind: 'distribution', unit: 'ms', labels: ['environment', 'flag', 'variant', 'event'],  source: 'instance',   description: 'The value of tracked events that carry one (a latency, in ms by convention), by the variant served: what a release plan\'s mean guard compares' },
  release_halts:            { kind: 'counter',      unit: '1',  labels: ['environment', 'flag'],                      source: 'aggregator', description: 'Release plans halted by a breached guard (the weights rolled back)' },
  releases_running:         { kind: 'gauge',        unit: '1',  labels: ['environment'],                              source: 'aggregator', description: 'Release plans running, after each minute run' },
} as const satisfies Record<string, MetricSpec>;

type Catalogue = typeof METRICS;
export type MetricName = keyof Catalogue;
type NamesOf<K extends MetricKind> = { [N in MetricName]: Catalogue[N]['kind'] extends K ? N : never }[MetricName];
export type CounterName = NamesOf<'counter'>;
export type DistributionName = NamesOf<'distribution'>;
export type GaugeName = NamesOf<'gauge'>;
/** Exactly the metric's labels, each a string. */
export type LabelsOf<N extends MetricName> = { readonly [L in Catalogue[N]['labels'][number]]: string };

export const METRIC_NAMES = Object.keys(METRICS) as MetricName[];

export function metricType(name: MetricName): string {
  return `${METRIC_PREFIX}${name}`;
}
