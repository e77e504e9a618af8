// Cloud Function entry: `console`. The browser files sit in `static/` next to this bundle.
import '../../shared/http/framework-errors.ts';
import { http } from '@google-cloud/functions-framework';
import { fileURLToPath } from 'node:url';
import { createConsoleFunction } from './app.ts';
import { readConsoleConfig } from '../../shared/config/console-config.ts';
import { loadStaticAssets } from './static-assets.ts';

const assets = loadStaticAssets(fileURLToPath(new URL('./static/', import.meta.url)));
http('console', createConsoleFunction({ config: readConsoleConfig(process.env), assets }));
