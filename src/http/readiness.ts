import type { AppDeps } from '../app_deps.js';
import { masterKeyStatus, type MasterKeyStatus } from '../domain/master_key_check.js';
import { masterKeyIds } from '../store/sealing.js';
import type { Store } from '../store/store.js';
import { storeReadiness } from '../store/store_readiness.js';
import { sharedCheck } from './shared_check.js';

/**
 * How long /health/ready waits for the store before calling it unavailable: the probe is answered
 * well inside 2 s even when the store hangs.
 */
export const READY_TIMEOUT_MS = 1500;

/**
 * How long one readiness check answers every probe. /health/ready is public: each check is a store
 * write on Redis and, with workers, a ping of every worker, so a flood of probes would be a flood of
 * writes. Short, so a store that fails or recovers is seen within a second either way.
 */
export const READY_REUSE_MS = 1000;

/** With several workers (FITGATE_WORKERS): how many of them answer with their store. */
export interface WorkerReadiness {
  readonly expected: number;
  /**
   * How many workers answered within the bound, and what one of them said about files it could
   * not write lately (a full disk it met: Store.unwritable), which this process may not have met.
   */
  ready(timeoutMs: number): Promise<{ readonly ready: number; readonly unwritable?: string }>;
}

export interface ReadinessOptions {
  /** How long a check waits for the store and the workers (READY_TIMEOUT_MS). */
  readonly timeoutMs?: number;
  /** With several workers (FITGATE_WORKERS): how many of them are ready. Absent: one process. */
  readonly workers?: WorkerReadiness | undefined;
  /** Which master key ids seal stored values, and which of them this process lacks (key rotation). */
  readonly masterKeys?: () => Promise<MasterKeyStatus>;
  /** True from a stop signal on, during FITGATE_SHUTDOWN_DELAY_MS (shutdown_delay.ts). */
  readonly stopping?: (() => boolean) | undefined;
  /** How long a check answers probes (READY_REUSE_MS), and the clock; tests pass their own. */
  readonly reuse?: { readonly ms: number; readonly now?: () => number };
}

/**
 * One answer of the readiness check. `body` is the operator's: `status` ("ok", "unavailable" or
 * "stopping"), `store` in words, what the store found about itself (on Redis: its eviction and
 * persistence settings), the workers, the master key ids. Only `ready` and `status` may reach the
 * public listener (health.ts); the rest is for the metrics listener (readiness_details.ts).
 */
export interface ReadinessAnswer {
  readonly ready: boolean;
  readonly body: Readonly<Record<string, unknown>> & { readonly status: string };
}

/** Asks the check; every caller within READY_REUSE_MS shares one check. */
export type Readiness = () => Promise<ReadinessAnswer>;

/**
 * The readiness of this process, built once and shared by the public /health/ready and the
 * operator's one on the metrics listener, so probes of both cost one check a second. Ready: the
 * store answers within a bound, so a hung database takes the instance out of rotation instead of
 * hanging probes, and can serve (on Redis: still holds fitgate's data and accepts writes), and with
 * workers every one of them does. One check answers every probe that comes while it runs and for
 * `reuse.ms` after (READY_REUSE_MS), in this process: the endpoint is public, and the check is not
 * free. From a stop signal on (FITGATE_SHUTDOWN_DELAY_MS) it answers "stopping" and checks nothing:
 * a stopping instance is not ready whatever its store says, and a store about to close is not
 * worth a write.
 */
export function createReadiness(store: Pick<Store, 'ping' | 'health' | 'readiness'>, options: ReadinessOptions = {}): Readiness {
  const { timeoutMs = READY_TIMEOUT_MS, workers, masterKeys, stopping = () => false, reuse = { ms: READY_REUSE_MS } } = options;
  const check = sharedCheck(async (): Promise<ReadinessAnswer> => {
    const [storeState, counted, keys] = await Promise.all([
      valueWithin(storeReadiness(store), timeoutMs),
      countWorkers(workers, timeoutMs),
      masterKeys && valueWithin(masterKeys(), timeoutMs),
    ]);
    // Another worker's failed writes count as this store's: the load balancer sees one instance.
    const state = storeState === 'ok' && counted?.unwritable !== undefined ? counted.unwritable : storeState;
    const ready = state === 'ok' && (counted === undefined || counted.ready === counted.expected);
    const workersBody = counted && { expected: counted.expected, ready: counted.ready };
    const body = { status: ready ? 'ok' : 'unavailable', store: state ?? 'not answering', ...store.health?.(), ...(workersBody && { workers: workersBody }), ...(keys && { master_keys: keys }) };
    return { ready, body };
  }, reuse.ms, reuse.now);
  return () => (stopping() ? Promise.resolve(STOPPING) : check());
}

const STOPPING: ReadinessAnswer = { ready: false, body: { status: 'stopping' } };

/** The readiness createApp() answers /health/ready from, built from the app's dependencies. */
export function readinessOf(deps: Pick<AppDeps, 'config' | 'store' | 'workers' | 'stopping'>): Readiness {
  const masterKeys = () => masterKeyStatus(deps.store.sealedRecords, masterKeyIds(deps.config.masterKeys));
  return createReadiness(deps.store, { workers: deps.workers, masterKeys, stopping: deps.stopping });
}

/** Every worker must be up and answer with its own store: a load balancer sees them as one. */
async function countWorkers(
  workers: WorkerReadiness | undefined,
  timeoutMs: number,
): Promise<{ expected: number; ready: number; unwritable?: string } | undefined> {
  if (!workers) return undefined;
  const counted = await workers.ready(timeoutMs).catch(() => ({ ready: 0 }));
  return { expected: workers.expected, ...counted };
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
