import { Router } from 'express';
import type { MasterKeyStatus } from '../domain/master_key_check.js';
import { STORE_RETRY_AFTER_SECONDS } from '../errors/index.js';
import type { Store } from '../store/store.js';
import { storeReadiness } from '../store/store_readiness.js';

/**
 * How long /health/ready waits for the store before calling it unavailable: the probe is answered
 * well inside 2 s even when the store hangs.
 */
export const READY_TIMEOUT_MS = 1500;

/** With several workers (FITGATE_WORKERS): how many of them answer with their store. */
export interface WorkerReadiness {
  readonly expected: number;
  /** How many workers answered within the bound. */
  ready(timeoutMs: number): Promise<number>;
}

/**
 * Liveness and readiness for orchestrators, mounted before tenant resolution so they answer on any
 * host (a load balancer probes by IP). Live: the process serves HTTP, whatever the store does.
 * Ready: the store answers within a bound, so a hung database takes the instance out of rotation
 * instead of hanging probes, and can serve (on Redis: still holds fitgate's data and accepts
 * writes), with `store` saying what is wrong in words; the body also carries what the store found
 * about itself at start-up (on Redis: whether it may evict or forget records), so an operator sees
 * it where they look. A 503 carries Retry-After, the same seconds as a request's 503 while the store
 * is out: a generic client or monitor retries no sooner, and a fixed store is seen within it.
 */
export function createHealthRouter(
  store: Pick<Store, 'ping' | 'health' | 'readiness'>,
  timeoutMs = READY_TIMEOUT_MS,
  workers?: WorkerReadiness,
  /** Which master key ids seal stored values, and which of them this process lacks (key rotation). */
  masterKeys?: () => Promise<MasterKeyStatus>,
): Router {
  const router = Router();
  router.get('/health/live', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ status: 'ok' });
  });
  router.get('/health/ready', async (_req, res) => {
    const [storeState, counted, keys] = await Promise.all([
      valueWithin(storeReadiness(store), timeoutMs),
      countWorkers(workers, timeoutMs),
      masterKeys && valueWithin(masterKeys(), timeoutMs),
    ]);
    const ready = storeState === 'ok' && (counted === undefined || counted.ready === counted.expected);
    if (!ready) res.set('Retry-After', String(STORE_RETRY_AFTER_SECONDS));
    res
      .status(ready ? 200 : 503)
      .set('Cache-Control', 'no-store')
      .json({ status: ready ? 'ok' : 'unavailable', store: storeState ?? 'not answering', ...store.health?.(), ...(counted && { workers: counted }), ...(keys && { master_keys: keys }) });
  });
  return router;
}

/** Every worker must be up and answer with its own store: a load balancer sees them as one. */
async function countWorkers(workers: WorkerReadiness | undefined, timeoutMs: number): Promise<{ expected: number; ready: number } | undefined> {
  if (!workers) return undefined;
  const ready = await workers.ready(timeoutMs).catch(() => 0);
  return { expected: workers.expected, ready };
}

/** The value, or undefined when it fails or takes longer than the bound (a probe never hangs on it). */
async function valueWithin<T>(work: Promise<T>, timeoutMs: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), timeoutMs);
  });
  try {
    return await Promise.race([work.catch(() => undefined), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
