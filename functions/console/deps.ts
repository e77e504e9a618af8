// The console function's composition root: where the browser finds the APIs (from the parsed
// configuration), the built browser files, and the telemetry its requests are logged with. It
// holds no store and no key, so it starts no backends and no metrics publisher.

import { consoleSettings } from '../../shared/config/console-config.ts';
import type { RuntimeConfig } from '../../shared/config/runtime-config.ts';
import { instanceTelemetry } from '../../shared/telemetry/telemetry.ts';
import type { ConsoleDeps } from './app.ts';
import { loadStaticAssets } from './static-assets.ts';

/** `staticDir`: the folder of the built browser files (next to the bundle deployed; dist/ locally). */
export function consoleDeps(config: RuntimeConfig, staticDir: string, telemetry = instanceTelemetry(config).of('console')): ConsoleDeps {
  return { config: consoleSettings(config), assets: loadStaticAssets(staticDir), telemetry };
}
