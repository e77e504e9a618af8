// The engines by name, as the benchmark reports them.

import { compiled } from './compiled.ts';
import type { Engine, EngineName } from './engine.ts';
import { flagdCore } from './flagd-core.ts';
import { growthbook } from './growthbook.ts';
import { interpreted } from './interpreted.ts';
import { jsonLogicJs } from './json-logic-js.ts';

export const ENGINES: Readonly<Record<EngineName, Engine>> = {
  compiled,
  interpreted,
  'json-logic-js': jsonLogicJs,
  'flagd-core': flagdCore,
  growthbook,
};

export { ENGINE_NAMES, type EngineName, type Prepared } from './engine.ts';
