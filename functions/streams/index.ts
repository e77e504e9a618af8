// Cloud Function entry: `streams`.
import '../../shared/http/framework-errors.ts';
import { http } from '@google-cloud/functions-framework';
import { readRuntimeConfig } from '../../shared/config/runtime-config.ts';
import { streamsDeps } from './deps.ts';
import { createStreamsFunction } from './app.ts';

http('streams', createStreamsFunction(streamsDeps(readRuntimeConfig())));
