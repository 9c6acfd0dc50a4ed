import type { IncomingMessage, ServerResponse } from 'node:http';
import { STORE_RETRY_AFTER_SECONDS } from '../errors/index.js';
import type { ReadinessAnswer } from './readiness.js';

/** Answers one request with the readiness check's whole answer. */
export type ReadinessDetails = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/**
 * GET /health/ready for operators, on the metrics listener (FITGATE_METRICS_PORT: loopback unless
 * FITGATE_METRICS_HOST says otherwise), never on the public port: the same status code as the
 * public one, with everything the check found (readiness.ts), which names file paths, Redis's
 * persistence settings and master key ids. `answer` is this process's readiness, or with workers
 * the one a worker gives the primary.
 */
export function readinessDetails(answer: () => Promise<ReadinessAnswer>): ReadinessDetails {
  return async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Method not allowed\n');
      return;
    }
    const { ready, body } = await answer();
    const headers: Record<string, string> = { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' };
    if (!ready) headers['Retry-After'] = String(STORE_RETRY_AFTER_SECONDS);
    res.writeHead(ready ? 200 : 503, headers);
    res.end(req.method === 'HEAD' ? undefined : JSON.stringify(body));
  };
}
