import { setTimeout as delay } from 'node:timers/promises';
import { RecordBusyError } from '../errors/index.js';
import { NotFoundInStoreError, StaleRecordError } from './ports.js';

/**
 * Optimistic concurrency for records updated by read-modify-write (users, admins, clients,
 * connections): each record
 * carries a `revision` (absent on records never updated: 0), a store's update refuses a record whose
 * revision is no longer the stored one (StaleRecordError), and the caller reads again and re-applies
 * its change (retryStale), so two writes computed from one read both count.
 */
export interface Revised {
  revision?: number;
}

/** Writes tried before giving up; each refused one means another write to the record landed meanwhile. */
const MAX_ATTEMPTS = 10;
/**
 * The pause before a retry is random, up to FIRST_PAUSE_MS before the second attempt and doubling
 * with each attempt up to MAX_PAUSE_MS: processes that collided spread out instead of colliding
 * again. All pauses together stay under 1.4 s, the most a write waits before answering busy.
 */
const FIRST_PAUSE_MS = 10;
const MAX_PAUSE_MS = 250;

/** The revision a store writes for `record`: one past the revision it was read at. */
export function nextRevision<T extends Revised>(record: T): T {
  return { ...record, revision: (record.revision ?? 0) + 1 };
}

/** Whether `stored` is still the record `record` was computed from. */
export function isSameRevision(stored: Revised, record: Revised): boolean {
  return (stored.revision ?? 0) === (record.revision ?? 0);
}

/**
 * Runs `attempt` (a read, then a write computed from it) again while its write finds the record
 * changed (StaleRecordError), after a random pause that grows with each attempt; after MAX_ATTEMPTS,
 * a RecordBusyError (503, retryable), since nothing was written and the same request moments later
 * succeeds. `pause` is for tests.
 */
export async function retryStale<T>(attempt: () => Promise<T>, pause: (ms: number) => Promise<unknown> = delay): Promise<T> {
  for (let tries = 1; ; tries += 1) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof StaleRecordError)) throw error;
      if (tries >= MAX_ATTEMPTS) throw new RecordBusyError({ cause: error });
      await pause(pauseBeforeRetryMs(tries));
    }
  }
}

/**
 * One read-modify-write of a revised record (`what` names it in a NotFoundInStoreError): reads it
 * (`read`, from the store, never a cache), applies `change` and writes the result (`write`, which
 * refuses a stale revision), again from a fresh read while another write lands in between
 * (retryStale). `change` may run several times and must only compute (it may throw to refuse:
 * nothing is written); returning the record it was given writes nothing. Resolves with the record
 * as stored.
 */
export function changeStored<T>(what: string, read: () => Promise<T | undefined>, write: (record: T) => Promise<T>, change: (current: T) => T): Promise<T> {
  return retryStale(async () => {
    const current = await read();
    if (!current) throw new NotFoundInStoreError(what);
    const changed = change(current);
    return changed === current ? current : write(changed);
  });
}

/** Full jitter: anywhere from 0 to the attempt's ceiling, so colliding writers rarely pick the same moment. */
export function pauseBeforeRetryMs(failedAttempts: number, random: () => number = Math.random): number {
  const ceiling = Math.min(MAX_PAUSE_MS, FIRST_PAUSE_MS * 2 ** (failedAttempts - 1));
  return Math.floor(random() * ceiling);
}
