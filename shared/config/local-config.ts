// The local product's configuration (`npm start`): the runtime configuration with the local
// stage's defaults (readable lines, the embedded store) and the streams function under /streams on
// the same port, so bulk answers point browsers there.

import { readRuntimeConfig, type RuntimeConfig } from './runtime-config.ts';

type Environment = Readonly<Record<string, string | undefined>>;

export function readLocalConfig(env: Environment = process.env): RuntimeConfig {
  const host = env.HOST === undefined ? '127.0.0.1' : ['0.0.0.0', '::'].includes(env.HOST) ? 'localhost' : env.HOST;
  return readRuntimeConfig({ SWITCHYARD_STAGE: 'local', SWITCHYARD_STREAMS_URL: `http://${host}:${env.PORT ?? 8080}/streams`, ...env });
}

/**
 * Google's clients read METADATA_SERVER_DETECTION from the process environment themselves: without
 * it they probe the metadata server (169.254.169.254) even against an emulator (DESIGN.md section 8).
 */
export function keepGoogleClientsOffTheMetadataServer(env: Record<string, string | undefined> = process.env): void {
  env.METADATA_SERVER_DETECTION ??= 'none';
}
