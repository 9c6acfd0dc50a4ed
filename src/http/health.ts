import { Router } from 'express';
import { STORE_RETRY_AFTER_SECONDS } from '../errors/index.js';
import type { Readiness } from './readiness.js';

/**
 * Liveness and readiness for load balancers and orchestrators, on the public listener, mounted
 * before tenant resolution so they answer on any host (a load balancer probes by IP). Live: the
 * process serves HTTP, whatever the store does. Ready: the readiness check (readiness.ts), told by
 * the status code and `{"status": "ok" | "unavailable" | "stopping"}` alone. What the check found
 * (the store's state in words, with file paths; Redis's persistence settings; master key ids; the
 * workers) is the operator's, on the metrics listener (readiness_details.ts): this endpoint answers
 * anyone who reaches the public port. A 503 carries Retry-After, the same seconds as a request's
 * 503 while the store is out: a generic client or monitor retries no sooner, and a fixed store is
 * seen within it.
 */
export function createHealthRouter(readiness: Readiness): Router {
  const router = Router();
  router.get('/health/live', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ status: 'ok' });
  });
  router.get('/health/ready', async (_req, res) => {
    const { ready, body } = await readiness();
    if (!ready) res.set('Retry-After', String(STORE_RETRY_AFTER_SECONDS));
    res.status(ready ? 200 : 503).set('Cache-Control', 'no-store').json({ status: body.status });
  });
  return router;
}
