import { Router } from 'express';
import type { Store } from '../store/store.js';

/** How long /health/ready waits for the store before calling it unavailable. */
export const READY_TIMEOUT_MS = 2000;

/**
 * Liveness and readiness for orchestrators, mounted before tenant resolution so they answer on any
 * host (a load balancer probes by IP). Live: the process serves HTTP. Ready: the store answers
 * within a bound, so a hung database takes the instance out of rotation instead of hanging probes.
 */
export function createHealthRouter(store: Pick<Store, 'ping'>, timeoutMs = READY_TIMEOUT_MS): Router {
  const router = Router();
  router.get('/health/live', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ status: 'ok' });
  });
  router.get('/health/ready', async (_req, res) => {
    const ready = await answersWithin(store.ping(), timeoutMs);
    res
      .status(ready ? 200 : 503)
      .set('Cache-Control', 'no-store')
      .json({ status: ready ? 'ok' : 'unavailable', store: ready ? 'ok' : 'not answering' });
  });
  return router;
}

async function answersWithin(ping: Promise<void>, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([ping.then(() => true as const, () => false as const), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
