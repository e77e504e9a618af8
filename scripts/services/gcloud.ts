// Finds the Google Cloud SDK's emulator launchers (they ship in the SDK's `platform/` folder).

import { execFileSync } from 'node:child_process';
import { accessSync, constants, realpathSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

const INSTALL_HINT =
  'Install the Google Cloud SDK (https://cloud.google.com/sdk/docs/install), then run ' +
  '`gcloud components install cloud-firestore-emulator pubsub-emulator` (on a Debian package install: ' +
  '`apt-get install google-cloud-cli-firestore-emulator google-cloud-cli-pubsub-emulator`). ' +
  'Java 11 or newer must be on PATH.';

export const EMULATORS = {
  firestore: 'cloud-firestore-emulator/cloud_firestore_emulator',
  pubsub: 'pubsub-emulator/bin/cloud-pubsub-emulator',
} as const;

export type Emulator = keyof typeof EMULATORS;

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function candidateRoots(): string[] {
  const roots = ['/usr/lib/google-cloud-sdk', '/usr/share/google-cloud-sdk', '/opt/google-cloud-sdk', join(homedir(), 'google-cloud-sdk')];
  try {
    // `gcloud` lives in <sdk>/bin; ask gcloud itself only when the usual places fail (it takes ~0.7 s).
    const gcloud = execFileSync('sh', ['-c', 'command -v gcloud'], { encoding: 'utf8' }).trim();
    if (gcloud) roots.push(dirname(dirname(realpathSync(gcloud))));
  } catch {
    // no gcloud on PATH
  }
  return roots;
}

function askGcloud(): string | undefined {
  try {
    return execFileSync('gcloud', ['info', '--format=value(installation.sdk_root)'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 15_000,
      env: { ...process.env, METADATA_SERVER_DETECTION: 'none', CLOUDSDK_CORE_DISABLE_PROMPTS: '1' },
    }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** The launcher of an emulator, or an error that says how to install it. */
export function emulatorLauncher(emulator: Emulator): string {
  const fromEnv = process.env.CLOUDSDK_ROOT_DIR;
  const roots = fromEnv ? [fromEnv] : candidateRoots();
  for (const root of roots) {
    const launcher = join(root, 'platform', EMULATORS[emulator]);
    if (executable(launcher)) return launcher;
  }
  const asked = askGcloud();
  if (asked && executable(join(asked, 'platform', EMULATORS[emulator]))) return join(asked, 'platform', EMULATORS[emulator]);
  throw new Error(`The ${emulator} emulator is not installed (looked for platform/${EMULATORS[emulator]} under ${[...roots, asked ?? 'gcloud info'].join(', ')}). ${INSTALL_HINT}`);
}
