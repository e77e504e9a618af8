// The console's entry: reads /config.json, creates the app's state and renders the app.

import { render } from 'preact';
import { ConsoleConfigShape, type ConsoleConfigAnswer } from './api/shapes.ts';
import { App } from './ui/app.tsx';
import { AppContext, createAppState } from './ui/app-state.ts';
import { globalKeyHandler } from './ui/shortcuts.tsx';

async function readConfig(): Promise<ConsoleConfigAnswer> {
  const response = await fetch('config.json', { headers: { Accept: 'application/json' } });
  const parsed = ConsoleConfigShape.safeParse(await response.json());
  if (!parsed.success) throw new Error('config.json is not in the expected shape');
  return parsed.data;
}

async function start() {
  const root = document.getElementById('app')!;
  let config: ConsoleConfigAnswer;
  try {
    config = await readConfig();
  } catch (err) {
    root.textContent = `The console could not read its configuration: ${(err as Error).message}`;
    return;
  }
  const app = createAppState(config);
  app.start();
  addEventListener('keydown', globalKeyHandler(app));
  root.textContent = '';
  render(<AppContext.Provider value={app}><App /></AppContext.Provider>, root);
  performance.mark('console-rendered');
}

void start();
