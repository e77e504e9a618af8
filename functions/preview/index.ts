// Cloud Function entry: `preview`.
import '../../shared/http/framework-errors.ts';
import { http } from '@google-cloud/functions-framework';
import { readRuntimeConfig } from '../../shared/config/runtime-config.ts';
import { previewDeps } from './deps.ts';
import { createPreviewFunction } from './app.ts';

http('preview', createPreviewFunction(previewDeps(readRuntimeConfig())));
