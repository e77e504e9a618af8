// Cloud Function entry: `aggregate` (Cloud Scheduler POSTs to it every minute).
import '../../shared/http/framework-errors.ts';
import { http } from '@google-cloud/functions-framework';
import { readRuntimeConfig } from '../../shared/config/runtime-config.ts';
import { readAggregateConfig } from '../../shared/aggregate/aggregate-config.ts';
import { aggregateDepsFor } from '../../shared/aggregate/wiring.ts';
import { releaseRunDepsFor } from '../../shared/releases/release-wiring.ts';
import { createAggregateFunction } from './app.ts';

const config = readRuntimeConfig();
const aggregate = readAggregateConfig();
http('aggregate', createAggregateFunction({ ...aggregateDepsFor(config, aggregate), releases: releaseRunDepsFor(config, aggregate) }));
