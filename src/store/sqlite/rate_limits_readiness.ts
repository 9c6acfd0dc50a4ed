import { dirname } from 'node:path';
import type { RateLimitBatches } from '../rate_limit_batches.js';
import { causeChain, findInChain } from '../store_unavailable.js';
import { SqliteDiskError } from './disk_failures.js';
import { SqliteFileLockedError } from './lock_conflicts.js';

/** What a rate-limited request gets meanwhile, said after each cause. */
const REFUSED = 'the rate limits cannot be counted, so rate-limited requests are answered 503';

/**
 * The rate limits' part of the embedded store's readiness (why readiness waits for them:
 * RedisStore.readiness()): undefined once the hits kept since a failed batch are in, sent now if
 * need be (RateLimitBatches.usable()); otherwise why they are not, in readiness's words.
 */
export async function rateLimitsRefused(batches: Pick<RateLimitBatches, 'usable'>): Promise<string | undefined> {
  try {
    await batches.usable();
    return undefined;
  } catch (error) {
    return refusalWords(error);
  }
}

function refusalWords(error: unknown): string {
  const locked = findInChain(error, SqliteFileLockedError);
  if (locked) return `locked: ${locked.message} in FITGATE_DATA_DIR (${dirname(locked.path)}); ${REFUSED} until it lets go`;
  const disk = findInChain(error, SqliteDiskError);
  if (disk) return `${disk.full ? 'full' : 'failing'}: ${disk.message} in FITGATE_DATA_DIR (${dirname(disk.path)}); ${REFUSED} until it can be written`;
  // The driver's words, not the fixed description a client gets.
  let deepest: unknown = error;
  for (const current of causeChain(error)) deepest = current;
  return `failing: ${deepest instanceof Error ? deepest.message : String(deepest)}; ${REFUSED}`;
}
