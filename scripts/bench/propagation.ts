// `node scripts/bench/propagation.ts`: the snapshot cache's figures for issue 4, in one run that
// starts everything it needs (the Firestore and Pub/Sub emulators, redis-server and the Upstash
// REST proxy, from scripts/services) and stops it at the end, also on error.
//   1. write-to-serve: from the admin API's 2xx answer to every one of 3 evaluate instances (each
//      its own process, on Firestore with Redis) serving the write, at the default
//      SWITCHYARD_MAX_STALENESS_MS and at 250 ms;
//   2. recompiling a 10,000-flag snapshot with one flag changed, against compiling it in full;
//   3. store reads per evaluation on a warm instance (version checks counted apart);
//   4. p99 of single-flag evaluate with Redis up, then after redis-server is stopped and the
//      breaker opens, with the non-200 count.
// Prints one JSON object with every figure and the settings used; progress goes to stderr.
// BENCH_WRITES, BENCH_EVALUATIONS and BENCH_SECONDS scale the run.

import { readRuntimeConfig } from '../../shared/config/runtime-config.ts';
import { startServices, type Services } from '../services/index.ts';
import { killAllNow } from '../services/process.ts';
import { startInstances, type Instance } from './propagation/instances.ts';
import { seedProduct, type Product } from './propagation/product.ts';
import { measureRecompile } from './propagation/recompile.ts';
import { measureRedisOutage } from './propagation/redis-outage.ts';
import { measureStoreReads } from './propagation/store-reads.ts';
import { measurePropagation } from './propagation/write-to-serve.ts';
import { productEnv } from './children.ts';

const writes = Number(process.env.BENCH_WRITES ?? 40);
const evaluations = Number(process.env.BENCH_EVALUATIONS ?? 10_000);
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const INSTANCES = 3;
const POLL_MS = 5;

const progress = (line: string) => process.stderr.write(`propagation: ${line}\n`);

const started = performance.now();
const cleanup: (() => Promise<void>)[] = [];
let services: Services | undefined;
process.on('SIGINT', () => {
  killAllNow();
  process.exit(130);
});

try {
  progress('recompiling 10,000 flags in process');
  const recompile = await measureRecompile();

  progress('starting the Firestore and Pub/Sub emulators, redis-server and the Upstash REST proxy');
  services = await startServices();
  // This process's Firestore client (the admin function, the seeding) reads the emulator's address from here.
  Object.assign(process.env, services.env);
  const env = productEnv(services.env);
  const config = readRuntimeConfig(env);
  const product = async (environment: string): Promise<Product> => {
    const seeded = await seedProduct(config, environment);
    cleanup.push(seeded.close);
    return seeded;
  };
  const instances = async (count: number, vars: Record<string, string>): Promise<Instance[]> => {
    const running = await startInstances(count, vars);
    cleanup.push(() => Promise.all(running.map((i) => i.stop())).then(() => undefined));
    return running;
  };
  const options = { writes, flags: 10, pollMs: POLL_MS, gapMs: [200, 800] as const, seed: 4 };

  progress(`write-to-serve at the default staleness bound (${config.SWITCHYARD_MAX_STALENESS_MS} ms): ${writes} writes, ${INSTANCES} instances`);
  const atDefault = await measurePropagation(await product('propagation-default'), await instances(INSTANCES, env), options);

  progress(`write-to-serve at a 250 ms staleness bound: ${writes} writes, ${INSTANCES} instances`);
  const atQuarterSecond = await measurePropagation(await product('propagation-250ms'), await instances(INSTANCES, { ...env, SWITCHYARD_MAX_STALENESS_MS: '250' }), { ...options, seed: 5 });

  progress(`store reads: ${evaluations} evaluations on a warm in-process instance`);
  const storeReads = await measureStoreReads(config, await product('store-reads'), evaluations);

  progress(`Redis outage: ${seconds} s baseline, ${seconds} s while redis-server stops, ${seconds} s with the breaker open`);
  const redis = services.running.find((s) => s.name === 'redis-server');
  if (!redis) throw new Error('redis-server is not among the started services');
  const outageInstance = await instances(1, env);
  const outage = await measureRedisOutage(await product('redis-outage'), outageInstance[0]!, () => redis.stop(), { connections: 10, seconds });

  console.log(JSON.stringify({
    node: process.version,
    settings: {
      store: 'firestore (emulator)',
      redis: 'redis-server behind the Upstash REST proxy, @upstash/redis client',
      instances: INSTANCES,
      defaultMaxStalenessMs: config.SWITCHYARD_MAX_STALENESS_MS,
      redisTimeoutMs: config.SWITCHYARD_REDIS_TIMEOUT_MS,
      pollMs: POLL_MS,
      writes,
      writeGapMs: options.gapMs,
      evaluations,
      loadSeconds: seconds,
      servicesStartedInMs: Math.round(services.startedInMs),
    },
    writeToServe: { defaultBound: atDefault, quarterSecondBound: atQuarterSecond },
    recompile10k: recompile,
    storeReadsWarm: storeReads,
    redisOutage: outage,
    bars: {
      noStoreReadsWhenWarm: storeReads.readsPerEvaluation === 0,
      outageP99Within1_5xOfBaseline: outage.p99Ratio <= 1.5,
      outageNon200IsZero: outage.non200 === 0,
      outageVariantUnchanged: outage.variantUnchanged,
      everyWriteServedEverywhere: atDefault.unseen === 0 && atQuarterSecond.unseen === 0,
    },
    runSeconds: Math.round((performance.now() - started) / 1000),
  }, null, 2));
} finally {
  for (const step of cleanup.reverse()) await step().catch(() => undefined);
  await services?.stop();
}
