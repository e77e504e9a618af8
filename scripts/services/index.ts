// Starts the local services the test suite needs, in parallel, and gives their addresses as the
// environment variables the clients read (see test/helpers/services.ts).

import { startFirestore } from './firestore.ts';
import { stopAll, type RunningService } from './process.ts';
import { startPubsub } from './pubsub.ts';
import { startRedis } from './redis.ts';
import { startUpstashProxy } from './upstash.ts';

export const PROJECT_ID = 'demo-switchyard';

export type Services = {
  /** FIRESTORE_EMULATOR_HOST, PUBSUB_EMULATOR_HOST, REDIS_URL, UPSTASH_REDIS_REST_*, GCLOUD_PROJECT, ... */
  readonly env: Readonly<Record<string, string>>;
  readonly running: readonly RunningService[];
  readonly startedInMs: number;
  readonly stop: () => Promise<void>;
};

export async function startServices(): Promise<Services> {
  const started = performance.now();
  const running: RunningService[] = [];
  const track = <T extends RunningService>(service: T): T => (running.push(service), service);
  const firestore = startFirestore().then(track);
  const pubsub = startPubsub().then(track);
  const redis = startRedis().then(track);
  const proxy = redis.then((started) => startUpstashProxy(started.url)).then(track);
  const results = await Promise.allSettled([firestore, pubsub, redis, proxy]);
  // A proxy that could not start for want of Redis repeats Redis's error: say it once.
  const failures = new Set(results.flatMap((result) => (result.status === 'rejected' ? [(result.reason as Error).message] : [])));
  if (failures.size > 0) {
    await stopAll();
    throw new Error([...failures].join('\n'));
  }
  const [{ host: firestoreHost }, { host: pubsubHost }, { url: redisUrl }, { url, token }] = await Promise.all([firestore, pubsub, redis, proxy]);
  return {
    env: {
      METADATA_SERVER_DETECTION: 'none',
      GCLOUD_PROJECT: PROJECT_ID,
      GOOGLE_CLOUD_PROJECT: PROJECT_ID,
      FIRESTORE_EMULATOR_HOST: firestoreHost,
      PUBSUB_EMULATOR_HOST: pubsubHost,
      REDIS_URL: redisUrl,
      UPSTASH_REDIS_REST_URL: url,
      UPSTASH_REDIS_REST_TOKEN: token,
    },
    running,
    startedInMs: performance.now() - started,
    stop: () => Promise.all(running.map((service) => service.stop())).then(() => undefined),
  };
}
