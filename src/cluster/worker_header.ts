import type { IncomingMessage, ServerResponse } from 'node:http';

/** The response header naming the worker (its pid) that answered. */
export const WORKER_HEADER = 'x-fitgate-worker';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Tests only (NODE_ENV=test): every response says which worker answered, so a test can prove that a
 * login started on one worker and finished on another, and find a worker's pid to stop it. Elsewhere
 * it would only tell the internet how many processes serve it.
 */
export function tagWithWorker(handler: Handler): Handler {
  const pid = String(process.pid);
  return (req, res) => {
    res.setHeader(WORKER_HEADER, pid);
    handler(req, res);
  };
}
