// Cloud Function entry: `console`. The browser files sit in `static/` next to this bundle.
import '../../shared/http/framework-errors.ts';
import { http } from '@google-cloud/functions-framework';
import { fileURLToPath } from 'node:url';
import { readRuntimeConfig } from '../../shared/config/runtime-config.ts';
import { createConsoleFunction } from './app.ts';
import { consoleDeps } from './deps.ts';

http('console', createConsoleFunction(consoleDeps(readRuntimeConfig(), fileURLToPath(new URL('./static/', import.meta.url)))));
