// The console function: the single-page app's files, `/config.json` (API base URLs and the IAP
// identity) and the health endpoints. It holds no key and calls no API itself.

import { createHttpFunction } from '../../shared/http/http-function.ts';
import { problem } from '../../shared/http/problem.ts';
import { sendJson, sendProblem } from '../../shared/http/send.ts';
import type { Route } from '../../shared/http/router.ts';
import type { Telemetry } from '../../shared/telemetry/telemetry.ts';
import type { ConsoleConfig } from '../../shared/config/console-config.ts';
import { iapIdentity } from './identity.ts';
import { contentSecurityPolicy, securityHeaders } from './security-headers.ts';
import type { StaticAssets } from './static-assets.ts';
import { sendAsset } from './static-route.ts';

export type ConsoleDeps = { readonly config: ConsoleConfig; readonly assets: StaticAssets; readonly telemetry: Telemetry };

export function createConsoleFunction(deps: ConsoleDeps) {
  const headers = securityHeaders(contentSecurityPolicy(deps.config, deps.assets.inlineScriptHashes));
  const notBuilt = () => problem('NOT_FOUND', 'the console is not built; run `npm run build` (scripts/build-console.ts)');
  const routes: Route[] = [
    {
      method: 'GET',
      path: '/',
      handler: (request, response) => {
        const index = deps.assets.files.get('index.html');
        if (!index) return sendProblem(response, notBuilt());
        sendAsset(request, response, index, headers);
      },
    },
    {
      method: 'GET',
      path: '/config.json',
      handler: (request, response) => {
        const body = { adminUrl: deps.config.adminUrl, validateUrl: deps.config.validateUrl, previewUrl: deps.config.previewUrl, identity: iapIdentity(request.headers) };
        sendJson(response, 200, body, { ...headers, 'Cache-Control': 'no-store' });
      },
    },
    {
      method: 'GET',
      path: '/:file',
      handler: (request, response, { params }) => {
        const asset = deps.assets.files.get(params.file ?? '');
        if (!asset) return sendProblem(response, deps.assets.files.size === 0 ? notBuilt() : problem('NOT_FOUND', `the console has no file ${params.file}`));
        sendAsset(request, response, asset, headers);
      },
    },
  ];
  // Readiness: the built files are the console's only dependency.
  const readiness = [{ name: 'assets', check: async () => {
    if (!deps.assets.files.has('index.html')) throw new Error('console files not built');
  } }];
  return createHttpFunction({ name: 'console', telemetry: deps.telemetry, cors: { origins: [] }, routes, readiness });
}
