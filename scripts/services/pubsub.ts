// Google's official Pub/Sub emulator on a free loopback port.

import { emulatorLauncher } from './gcloud.ts';
import { answersHttp, freePort, startService, type RunningService } from './process.ts';

export type RunningPubsub = RunningService & { readonly host: string };

export async function startPubsub(port?: number): Promise<RunningPubsub> {
  const launcher = emulatorLauncher('pubsub');
  const chosen = port ?? (await freePort());
  const host = `127.0.0.1:${chosen}`;
  const service = await startService({
    name: 'pubsub-emulator',
    command: launcher,
    args: ['--host=127.0.0.1', `--port=${chosen}`],
    ready: () => answersHttp(`http://${host}/`),
  });
  return { ...service, host };
}
