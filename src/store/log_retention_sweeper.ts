import type { Logger } from 'pino';
import type { LockStore, LogRepository } from '../domain/ports.js';

/** How often old log events are swept (and once at start). */
export const LOG_RETENTION_INTERVAL_MS = 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
/** One sweep at a time across processes sharing the store; a sweep outliving this is merely repeated. */
const LOCK = 'log_retention';
const LOCK_TTL_MS = 10 * 60 * 1000;

export interface LogRetentionDeps {
  readonly logs: Pick<LogRepository, 'deleteOlderThan'>;
  readonly locks: LockStore;
}

export interface LogRetentionReport {
  swept(deleted: number): void;
  failed(error: unknown): void;
}

/** What the process log says about sweeps: how many events went, and failures (retried at the next tick). */
export function logRetentionReport(logger: Pick<Logger, 'info' | 'error'>, retentionDays: number): LogRetentionReport {
  return {
    swept: (deleted) => logger.info({ deleted, retentionDays }, 'log events past FITGATE_LOG_RETENTION_DAYS deleted'),
    failed: (error) => logger.error({ err: error }, 'deleting old log events failed; the next sweep tries again'),
  };
}

/**
 * Deletes the log events older than `retentionDays` (FITGATE_LOG_RETENTION_DAYS). Resolves with how
 * many, or undefined when another process holds the sweep and this one had nothing to do.
 */
export async function sweepOldLogs(deps: LogRetentionDeps, retentionDays: number, now = Date.now()): Promise<number | undefined> {
  const token = await deps.locks.tryAcquire(LOCK, LOCK_TTL_MS);
  if (token === undefined) return undefined;
  try {
    return await deps.logs.deleteOlderThan(new Date(now - retentionDays * DAY_MS));
  } finally {
    await deps.locks.release(LOCK, token);
  }
}

/**
 * Sweeps at once, then every `intervalMs` on an unref'd timer (it never keeps the process alive). A
 * failed sweep (the store is down) is reported and tried again at the next tick. The returned stop
 * waits for a sweep in flight, so the store can be closed after it.
 */
export function startLogRetention(
  deps: LogRetentionDeps,
  retentionDays: number,
  report: LogRetentionReport,
  intervalMs = LOG_RETENTION_INTERVAL_MS,
): () => Promise<void> {
  let running: Promise<void> | undefined;
  const sweep = () => {
    running ??= sweepOldLogs(deps, retentionDays)
      .then((deleted) => {
        if (deleted) report.swept(deleted);
      }, report.failed)
      .finally(() => {
        running = undefined;
      });
  };
  sweep();
  const timer = setInterval(sweep, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
