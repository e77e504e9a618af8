// Addresses of the local services that `npm test` starts (scripts/services), for suites that need
// a real Firestore emulator, Pub/Sub emulator, Redis or the Upstash REST proxy.

// Even under a bare `mocha`, Google's auth library must not probe the metadata server (169.254.169.254).
process.env.METADATA_SERVER_DETECTION = 'none';

const HOW_TO_START =
  'Run the suite with `npm test`, which starts every service, or start them yourself with ' +
  '`node scripts/services/start.ts` and export the lines it prints before running mocha.';

function required(name: string, service: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${service} is not running for this test: ${name} is not set. ${HOW_TO_START}`);
  return value;
}

/** The project every test uses: `demo-` projects never reach real Google services. */
export function projectId(): string {
  return process.env.GCLOUD_PROJECT || 'demo-switchyard';
}

export function firestoreEmulator(): { host: string; projectId: string } {
  return { host: required('FIRESTORE_EMULATOR_HOST', 'The Firestore emulator'), projectId: projectId() };
}

/** Deletes every document of the emulator's default database (the emulator's own reset endpoint). */
export async function resetFirestore(): Promise<void> {
  const { host, projectId: project } = firestoreEmulator();
  const url = `http://${host}/emulator/v1/projects/${project}/databases/(default)/documents`;
  const response = await fetch(url, { method: 'DELETE' });
  if (!response.ok) throw new Error(`Firestore emulator reset failed: ${response.status} ${await response.text()}`);
}

export function pubsubEmulator(): { host: string; projectId: string } {
  return { host: required('PUBSUB_EMULATOR_HOST', 'The Pub/Sub emulator'), projectId: projectId() };
}

export function upstash(): { url: string; token: string } {
  return {
    url: required('UPSTASH_REDIS_REST_URL', 'The Upstash REST proxy'),
    token: required('UPSTASH_REDIS_REST_TOKEN', 'The Upstash REST proxy'),
  };
}

export function redisUrl(): string {
  return required('REDIS_URL', 'Redis');
}
