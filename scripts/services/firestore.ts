// Google's official Firestore emulator on a free loopback port.

import { emulatorLauncher } from './gcloud.ts';
import { answersHttp, freePort, startService, type RunningService } from './process.ts';

export type RunningFirestore = RunningService & { readonly host: string };

export async function startFirestore(port?: number): Promise<RunningFirestore> {
  const launcher = emulatorLauncher('firestore');
  const chosen = port ?? (await freePort());
  // The emulator opens a websocket port of its own; pin it to loopback too.
  const websocket = await freePort();
  const host = `127.0.0.1:${chosen}`;
  const service = await startService({
    name: 'firestore-emulator',
    command: launcher,
    args: ['start', '--host=127.0.0.1', `--port=${chosen}`, `--websocket_port=${websocket}`],
    ready: () => answersHttp(`http://${host}/`),
  });
  return { ...service, host };
}
