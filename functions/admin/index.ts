// Cloud Function entry: `admin`.
import '../../shared/http/framework-errors.ts';
import { http } from '@google-cloud/functions-framework';
import { readRuntimeConfig } from '../../shared/config/runtime-config.ts';
import { adminDepsFor } from '../../shared/wiring.ts';
import { createAdminFunction } from './app.ts';

http('admin', createAdminFunction(adminDepsFor(readRuntimeConfig())));
