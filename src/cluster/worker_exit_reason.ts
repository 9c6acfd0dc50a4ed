import { STORE_UNAVAILABLE_EXIT_CODE } from './messages.js';

/**
 * Why a worker stopped, in a few fixed words (the `reason` of fitgate_worker_restarts_total):
 * `signal` killed (the kernel's OOM killer, a `kill -9`), `unresponsive` killed by the primary
 * because it answered no heartbeat (hang_watch.ts), `store_unavailable` it could not start because
 * its store is unavailable for now (STORE_UNAVAILABLE_EXIT_CODE), `crash` any other failing exit
 * code (an uncaught error, a failed start), `clean_exit` exit code 0 though nobody asked it to stop.
 * The primary's own kill is apart from `signal` because it calls for other work: a blocked event
 * loop, not memory.
 */
export type WorkerExitReason = 'signal' | 'unresponsive' | 'store_unavailable' | 'crash' | 'clean_exit';

export const WORKER_EXIT_REASONS: readonly WorkerExitReason[] = ['signal', 'unresponsive', 'store_unavailable', 'crash', 'clean_exit'];

/** `killedAsHung`: the primary sent the signal itself, to a worker that stopped answering. */
export function workerExitReason(code: number | null, signal: string | null, killedAsHung = false): WorkerExitReason {
  if (signal) return killedAsHung ? 'unresponsive' : 'signal';
  if (code === STORE_UNAVAILABLE_EXIT_CODE) return 'store_unavailable';
  return code === 0 ? 'clean_exit' : 'crash';
}
