// Every function of functions/ is deployed, checked and wired the way its code expects.

import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, filesUnder, resourcesOf, terraformLocals } from './terraform-files.ts';

/** Folders of functions/ with an entry, or listed in functions/README.md's table. */
function functionFolders(): string[] {
  const dir = join(ROOT, 'functions');
  const listed = [...readFileSync(join(dir, 'README.md'), 'utf8').matchAll(/^\| `([a-z-]+)\/` \|/gm)].map((m) => m[1]!);
  const folders = readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
  return folders.filter((f) => existsSync(join(dir, f, 'index.ts')) || listed.includes(f)).sort();
}

const objectOf = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const blockOf = (v: unknown): Record<string, unknown> => objectOf(Array.isArray(v) ? v[0] : v);

describe('terraform/ deploys every function', () => {
  it('lists every folder of functions/ in local.functions', async () => {
    const deployed = Object.keys(objectOf((await terraformLocals()).functions)).sort();
    assert.deepEqual(deployed, functionFolders());
  });

  for (const [type, what] of [
    ['google_cloudfunctions2_function', 'a Cloud Function'],
    ['google_monitoring_uptime_check_config', 'an uptime check'],
    ['google_service_account', 'a service account'],
    ['google_storage_bucket_object', 'an uploaded bundle'],
    ['google_monitoring_alert_policy', 'a service-down alert'],
  ] as const) {
    it(`gives each function ${what}`, async () => {
      const perFunction = (await resourcesOf(type)).filter((r) => r.body.for_each === '${local.functions}');
      assert.equal(perFunction.length, 1, `one ${type} with for_each = local.functions`);
    });
  }

  it('deploys each bundle on nodejs22 with the folder name as entry point', async () => {
    const [fn] = await resourcesOf('google_cloudfunctions2_function');
    const build = blockOf(fn!.body.build_config);
    assert.equal(build.runtime, 'nodejs22');
    assert.equal(build.entry_point, '${each.key}');
    const source = blockOf((await resourcesOf('google_storage_bucket_object'))[0]!.body);
    assert.match(String(source.source), /archive_file\.bundle\[each\.key\]/);
  });

  it('checks /healthz of every function', async () => {
    const [check] = await resourcesOf('google_monitoring_uptime_check_config');
    assert.equal(blockOf(check!.body.http_check).path, '/healthz');
  });

  it('makes evaluate\'s minimum instances a variable', async () => {
    const evaluate = objectOf(objectOf((await terraformLocals()).functions).evaluate);
    assert.equal(evaluate.min_instances, '${var.evaluate_min_instances}');
  });

  it('sets only environment variables the functions\' code reads', async () => {
    const sources = [...filesUnder(join(ROOT, 'shared')), ...filesUnder(join(ROOT, 'functions'))].filter((f) => f.endsWith('.ts')).map((f) => readFileSync(f, 'utf8')).join('\n');
    const env = objectOf((await terraformLocals()).function_env);
    const common = String((await terraformLocals()).common_env);
    const names = new Set([...common.matchAll(/\b([A-Z][A-Z0-9_]{3,})\s*=/g)].map((m) => m[1]!));
    for (const value of Object.values(env)) for (const m of String(value).matchAll(/\b([A-Z][A-Z0-9_]{3,})\s*=/g)) names.add(m[1]!);
    assert.ok(names.has('SWITCHYARD_METRICS_TOPIC') && names.has('SWITCHYARD_STORE'), 'the environment was found');
    // Read by Node itself, not by our code.
    const runtime = new Set(['NODE_OPTIONS']);
    const unread = [...names].filter((n) => !sources.includes(n) && !runtime.has(n));
    assert.deepEqual(unread, []);
  });

  it('runs every function with source maps, so Error Reporting shows shared/ frames', async () => {
    const common = String((await terraformLocals()).common_env);
    assert.match(common, /NODE_OPTIONS\s*=\s*"--enable-source-maps"/);
  });

  it('wires secrets only into the functions that read them', async () => {
    const secrets = objectOf((await terraformLocals()).function_secrets);
    for (const name of ['validate', 'preview', 'aggregate', 'console']) assert.equal(JSON.stringify(secrets[name]), '[]', `${name} gets no secret`);
    assert.match(String(secrets.evaluate), /upstash_secrets/);
    assert.match(String(secrets.admin), /upstash_secrets/);
    assert.match(String(secrets.admin), /admin_key_secrets/);
  });

  it('runs the aggregator every minute with an OIDC token', async () => {
    const [job] = await resourcesOf('google_cloud_scheduler_job');
    assert.equal(job!.body.schedule, '* * * * *');
    const target = blockOf(job!.body.http_target);
    assert.match(String(target.uri), /fn\["aggregate"\]/);
    assert.match(String(blockOf(target.oidc_token).service_account_email), /google_service_account\.scheduler/);
  });
});
