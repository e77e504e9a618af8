// Cloud Function entry: `aggregate` (Cloud Scheduler POSTs to it every minute).
import '../../shared/http/framework-errors.ts';
import { http } from '@google-cloud/functions-framework';
import { readRuntimeConfig } from '../../shared/config/runtime-config.ts';
import { aggregateDeps } from './deps.ts';
import { createAggregateFunction } from './app.ts';

http('aggregate', createAggregateFunction(aggregateDeps(readRuntimeConfig())));
