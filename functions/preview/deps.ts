// The preview function's composition root: admin keys looked up through the instance's store
// (any admin key may call), the flags it reads, the demo environment as the default one, and the
// console's origins, from the parsed configuration and the instance it runs in.

import type { AuthoringDeps } from '../../shared/authoring/deps.ts';
import type { RuntimeConfig } from '../../shared/config/runtime-config.ts';
import { keyLookup } from '../../shared/http/auth.ts';
import { DEMO_ENVIRONMENT } from '../../shared/store/default-stores.ts';
import type { Telemetry } from '../../shared/telemetry/telemetry.ts';
import { authGuardFor, startInstance, type Instance } from '../../shared/wiring/instance.ts';

/** What the function is built with: its dependencies and the telemetry its requests are logged and counted with. */
export type PreviewFunctionDeps = AuthoringDeps & { readonly telemetry: Telemetry };

export function previewDeps(config: RuntimeConfig, instance: Instance = startInstance(config, 'preview')): PreviewFunctionDeps {
  const { stores } = instance.backends;
  return { keys: keyLookup(stores.keys), flags: stores.flags, defaultEnvironment: DEMO_ENVIRONMENT, consoleOrigins: config.SWITCHYARD_CONSOLE_ORIGINS, now: Date.now, guard: authGuardFor(config, true), telemetry: instance.telemetry.of('preview') };
}
