// Cloud Function entry: `validate`.
import '../../shared/http/framework-errors.ts';
import { http } from '@google-cloud/functions-framework';
import { readRuntimeConfig } from '../../shared/config/runtime-config.ts';
import { validateDeps } from './deps.ts';
import { createValidateFunction } from './app.ts';

http('validate', createValidateFunction(validateDeps(readRuntimeConfig())));
