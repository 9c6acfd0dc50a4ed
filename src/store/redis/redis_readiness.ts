import { ErrorReply } from 'redis';
import { StoreFullError } from '../../errors/index.js';
import { findInChain } from '../store_unavailable.js';
import { credentialRefusalReadiness } from './credential_refusal.js';
import type { RedisKeys } from './keys.js';
import type { RedisClient } from './redis_client.js';

/** What /health/ready says when Redis answers but holds none of fitgate's data any more. */
export const REDIS_EMPTY =
  "empty: Redis lost fitgate's data (restarted without persistence or flushed?); restore it or restart fitgate to set it up anew";

/** What /health/ready says when Redis answers but refuses writes for want of memory. */
export const REDIS_FULL =
  'full: Redis is full (maxmemory reached with noeviction) and refuses every write; free memory or raise maxmemory';

/** What /health/ready says when the Redis at REDIS_URL is a replica (after a failover, say). */
export const REDIS_READ_ONLY =
  'read-only: Redis is a replica and refuses every write (READONLY); point REDIS_URL at the primary';

/** What /health/ready says when Redis refuses writes because it cannot save its snapshot. */
export const REDIS_NOT_SAVING =
  "not saving: Redis refuses every write because its last snapshot failed (MISCONF); see Redis's log for the disk problem";

/** Replies with which a Redis that answers refuses every write, and what to tell the operator. */
const WRITE_REFUSALS: ReadonlyArray<readonly [RegExp, string]> = [
  [/^READONLY\b/, REDIS_READ_ONLY],
  [/^MISCONF\b/, REDIS_NOT_SAVING],
];

/** The probe key's lifetime: long enough to outlive its own reply, short enough never to pile up. */
const WRITE_PROBE_TTL_MS = 10_000;

/**
 * Marks the store as set up (SET NX, so the first time is kept): written at every start, before the
 * server reports ready, so a fresh Redis and one holding an older fitgate's data both count as
 * fitgate's from then on. Only its loss while running is reported.
 */
export async function markRedisInitialised(client: RedisClient, keys: RedisKeys): Promise<void> {
  await client.set(keys.storeMarker(), new Date().toISOString(), { NX: true });
}

/**
 * Whether Redis can serve, in one round trip (node-redis sends both commands in one write): the
 * marker's EXISTS tells whether the data is still there; a SET of a probe key with a TTL tells
 * whether Redis accepts writes, exactly as a request's write would (INFO's used_memory against
 * maxmemory is only an estimate of Redis's own check, and INFO is often renamed on managed Redis).
 * Undefined when ready; the problem in words when Redis answers but cannot serve (emptied, full,
 * a replica, failing to save, refusing REDIS_URL's credentials); rejects when Redis does not answer.
 * `reconnectRefusal` is why the client is offline, when Redis refused its reconnection
 * (credential_refusal.ts): its commands then fail with "offline", which alone would read as
 * "not answering" and send an operator to the network.
 */
export async function redisReadiness(client: RedisClient, keys: RedisKeys, reconnectRefusal?: () => string | undefined): Promise<string | undefined> {
  const [marker, probe] = await Promise.allSettled([
    client.exists(keys.storeMarker()),
    client.set(keys.writeProbe(), '1', { PX: WRITE_PROBE_TTL_MS }),
  ]);
  if (marker.status === 'rejected') {
    const refused = credentialRefusalReadiness(marker.reason) ?? reconnectRefusal?.();
    if (refused) return refused;
    throw marker.reason;
  }
  if (marker.value === 0) return REDIS_EMPTY;
  if (probe.status === 'rejected') {
    if (probe.reason instanceof StoreFullError) return REDIS_FULL;
    const refusal = redisWriteRefusal(probe.reason);
    if (refusal) return refusal;
    throw probe.reason;
  }
  return undefined;
}

/**
 * What to tell the operator when `error` is Redis refusing every write while it answers (a replica,
 * a failed snapshot), under whatever wrapping; undefined for anything else. Read by the readiness
 * probe and by start-up, whose first writes meet the same refusal.
 */
export function redisWriteRefusal(error: unknown): string | undefined {
  // Redis's own reply under the store's wrapping (StoreUnavailableError keeps it as its cause).
  const reply = findInChain(error, ErrorReply);
  return reply && WRITE_REFUSALS.find(([pattern]) => pattern.test(reply.message))?.[1];
}

