// Alerts and dashboards name only metrics that exist, every alert carries its runbook, and the
// metric descriptors Terraform creates are the catalogue of shared/telemetry/metrics.ts.

import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { METRIC_PREFIX, METRICS } from '../../../shared/telemetry/metrics.ts';
import { catalogueText } from '../../../scripts/terraform/write-metric-catalogue.ts';
import { TERRAFORM_DIR, dashboardFiles, metricTypesIn, readTerraformFile, resourcesOf, terraformLocals } from './terraform-files.ts';

/** Google's own metrics the alerts and dashboards may use (Cloud Run, Firestore, Pub/Sub, uptime). */
const BUILTIN_METRICS = new Set([
  'run.googleapis.com/request_count',
  'run.googleapis.com/request_latencies',
  'run.googleapis.com/container/instance_count',
  'run.googleapis.com/container/startup_latencies',
  'run.googleapis.com/container/cpu/utilizations',
  'run.googleapis.com/container/memory/utilizations',
  'firestore.googleapis.com/api/request_count',
  'pubsub.googleapis.com/subscription/oldest_unacked_message_age',
  'pubsub.googleapis.com/subscription/num_undelivered_messages',
  'monitoring.googleapis.com/uptime_check/check_passed',
]);

const prefix = METRIC_PREFIX.replace(/\/$/, '');

/** Log-based metrics defined here, by name and by reference (`${google_logging_metric.<r>.name}`). */
async function logMetricTypes(): Promise<Set<string>> {
  const metrics = await resourcesOf('google_logging_metric');
  return new Set(metrics.flatMap((m) => [`logging.googleapis.com/user/${String(m.body.name)}`, `logging.googleapis.com/user/\${google_logging_metric.${m.name}.name}`]));
}

async function unknownMetrics(types: readonly string[]): Promise<string[]> {
  const logs = await logMetricTypes();
  const known = (t: string) => BUILTIN_METRICS.has(t) || logs.has(t) || (t.startsWith(METRIC_PREFIX) && t.slice(METRIC_PREFIX.length) in METRICS);
  return types.filter((t) => !known(t));
}

const RUNBOOK_SECTIONS = ['**Symptom.**', '**Impact.**', '**First checks.**', '**Mitigation.**', '**Escalation.**'];

describe('terraform/ monitoring', () => {
  it('keeps metrics-catalogue.json equal to the catalogue (node scripts/terraform/write-metric-catalogue.ts)', () => {
    assert.equal(readTerraformFile('metrics-catalogue.json'), catalogueText());
  });

  it('creates a descriptor for every catalogue metric under the catalogue\'s prefix', async () => {
    assert.equal((await terraformLocals()).metric_prefix, prefix);
    const [descriptor] = await resourcesOf('google_monitoring_metric_descriptor');
    assert.equal(descriptor!.body.for_each, '${local.metric_catalogue}');
    assert.equal(descriptor!.body.type, '${local.metric_prefix}/${each.key}');
  });

  it('names in alerts only metrics of the catalogue, log-based metrics defined here, or allowed built-ins', async () => {
    const alerts = await resourcesOf('google_monitoring_alert_policy');
    const types = alerts.flatMap((a) => metricTypesIn(JSON.stringify(a.body), prefix));
    assert.ok(types.length >= 12, `found ${types.length} metric filters in alerts`);
    assert.deepEqual(await unknownMetrics(types), []);
  });

  it('has the alerts the design asks for', async () => {
    const names = (await resourcesOf('google_monitoring_alert_policy')).map((a) => a.name).sort();
    assert.deepEqual(names, ['aggregator_not_running', 'auth_failure_spike', 'brute_force', 'error_rate', 'evaluate_latency', 'firestore_errors', 'rate_limit_rejections', 'release_halted', 'sample_ratio_mismatch', 'service_down', 'stale_snapshot']);
  });

  it('documents every alert with an existing runbook, linked when a base URL is set', async () => {
    for (const alert of await resourcesOf('google_monitoring_alert_policy')) {
      const doc = (alert.body.documentation as Record<string, unknown>[])[0]!;
      const file = /^\$\{file\("\$\{path\.module\}\/runbooks\/([a-z-]+\.md)"\)\}$/.exec(String(doc.content))?.[1];
      assert.ok(file, `${alert.name}: documentation content is file(runbooks/<name>.md)`);
      assert.ok(existsSync(join(TERRAFORM_DIR, 'runbooks', file)), `${alert.name}: runbooks/${file} exists`);
      assert.match(JSON.stringify(doc.dynamic), new RegExp(`${file.replace('.', '\\.')}`), `${alert.name}: links its runbook`);
      assert.equal(alert.body.notification_channels, '${local.notification_channels}');
    }
  });

  it('writes every runbook with symptom, impact, first checks with a log query, mitigation and escalation', () => {
    const runbooks = readdirSync(join(TERRAFORM_DIR, 'runbooks')).filter((f) => f.endsWith('.md') && f !== 'README.md');
    assert.equal(runbooks.length, 11);
    for (const file of runbooks) {
      const text = readFileSync(join(TERRAFORM_DIR, 'runbooks', file), 'utf8');
      for (const section of RUNBOOK_SECTIONS) assert.ok(text.includes(section), `${file} has ${section}`);
      assert.match(text, /```\s*\n[^`]*(jsonPayload|labels\.|httpRequest|resource\.type)[^`]*```/, `${file} gives a Logs Explorer query`);
      assert.ok(text.length <= 8192, `${file} fits in an alert's documentation`);
    }
  });

  it('loads every dashboard JSON, each parsing and naming only known metrics', async () => {
    const loaded = String((await terraformLocals()).dashboards);
    const files = dashboardFiles();
    assert.deepEqual(files, ['errors.json', 'flag-usage.json', 'health.json', 'performance.json']);
    for (const file of files) {
      const text = readTerraformFile('dashboards', file);
      const dashboard = JSON.parse(text) as { displayName?: string; mosaicLayout?: { tiles?: unknown[] } };
      assert.ok(dashboard.displayName?.startsWith('Switchyard'), `${file} has a display name`);
      assert.ok((dashboard.mosaicLayout?.tiles?.length ?? 0) >= 6, `${file} has charts`);
      assert.ok(loaded.includes(`"${file.replace('.json', '')}"`), `${file} is loaded by dashboards.tf`);
      const types = metricTypesIn(text, prefix);
      assert.ok(types.length > 0);
      assert.deepEqual(await unknownMetrics(types), [], file);
    }
  });
});
