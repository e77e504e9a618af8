// Cloud Function entry: `evaluate`.
import '../../shared/http/framework-errors.ts';
import { http } from '@google-cloud/functions-framework';
import { readRuntimeConfig } from '../../shared/config/runtime-config.ts';
import { evaluateDeps } from './deps.ts';
import { createEvaluateFunction } from './app.ts';

http('evaluate', createEvaluateFunction(evaluateDeps(readRuntimeConfig())));
