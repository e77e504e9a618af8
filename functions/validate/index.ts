// Cloud Function entry: `validate`.
import '../../shared/http/framework-errors.ts';
import { http } from '@google-cloud/functions-framework';
import { readRuntimeConfig } from '../../shared/config/runtime-config.ts';
import { validateDepsFor } from '../../shared/wiring.ts';
import { createValidateFunction } from './app.ts';

http('validate', createValidateFunction(validateDepsFor(readRuntimeConfig())));
