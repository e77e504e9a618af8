// Cloud Function entry: `admin`.
import '../../shared/http/framework-errors.ts';
import { http } from '@google-cloud/functions-framework';
import { readRuntimeConfig } from '../../shared/config/runtime-config.ts';
import { adminDeps } from './deps.ts';
import { createAdminFunction } from './app.ts';

http('admin', createAdminFunction(adminDeps(readRuntimeConfig())));
