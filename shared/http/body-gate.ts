// Where request bodies are read. The Functions Framework mounts body-parser with a 1 GB limit and
// inflation on, so every body would be read (and gzip inflated) in full before any handler could
// look at the key. We take its parsers out of the app and read bodies ourselves (body-reader.ts):
// before routing only what PRE_AUTH_BYTES allows, the rest when an admitted route asks for it.

import type { IncomingMessage } from 'node:http';
import { attachBodyReader, createBodyReader, PRE_AUTH_BYTES } from './body-reader.ts';
import { codingOf } from './content-coding.ts';
import { problem } from './problem.ts';
import { sendProblem } from './send.ts';
import type { HttpResponse } from './types.ts';

/** The largest body any route accepts (admin's environment import); larger is refused unread. */
export const MAX_REQUEST_BYTES = 16 * 1024 * 1024;

/** body-parser's middleware, by the names of the functions it returns. */
const BODY_PARSERS = new Set(['jsonParser', 'textParser', 'urlencodedParser', 'rawParser']);

type Layer = { readonly name?: string };
type App = { readonly router: { stack: Layer[] } };

const STRIPPED = Symbol('switchyard.bodyParsersRemoved');

/** Removes the framework's body parsers from an Express app, once. */
export function removeBodyParsers(app: object): void {
  const marked = app as App & { [STRIPPED]?: true };
  if (marked[STRIPPED]) return;
  marked.router.stack = marked.router.stack.filter((layer) => !BODY_PARSERS.has(layer.name ?? ''));
  marked[STRIPPED] = true;
}

function declaredLength(req: IncomingMessage): number | undefined {
  const header = req.headers['content-length'];
  return header === undefined ? undefined : Number(header);
}

/**
 * Refuses what can be refused from the headers (a declared length past the largest limit, an
 * encoding we do not decode), reads at most PRE_AUTH_BYTES of the body, then calls `proceed`.
 * A request whose body is not read whole by then is answered with Connection: close, so that no
 * answer waits for (or lets Node drain) the rest of a body nobody asked for.
 */
export function gateBody(req: IncomingMessage, res: HttpResponse, proceed: () => void): void {
  const declared = declaredLength(req);
  if (req.headers['transfer-encoding'] === undefined && !(declared !== undefined && declared > 0)) return proceed();
  if (declared !== undefined && declared > MAX_REQUEST_BYTES) {
    sendProblem(res, problem('BODY_TOO_LARGE', `the body is ${declared} bytes; the largest accepted is ${MAX_REQUEST_BYTES}`), { Connection: 'close' });
    return;
  }
  const coding = codingOf(req.headers['content-encoding']);
  if (!coding.ok) {
    sendProblem(res, problem('UNSUPPORTED_ENCODING', coding.detail, [{ path: 'Content-Encoding', code: 'UNSUPPORTED', message: coding.detail }]), { Connection: 'close' });
    return;
  }
  const reader = createBodyReader(req, coding.coding, declared);
  attachBodyReader(req, reader);
  if (declared !== undefined && declared > PRE_AUTH_BYTES) {
    res.setHeader('Connection', 'close');
    return proceed();
  }
  void reader.prefetch(PRE_AUTH_BYTES).then((state) => {
    // The caller is gone: there is nobody to answer.
    if (state === 'aborted') return void res.destroy();
    if (state === 'pending') res.setHeader('Connection', 'close');
    proceed();
  });
}
