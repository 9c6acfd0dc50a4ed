import { StoreFullError } from '../../errors/index.js';
import type { RedisKeys } from './keys.js';
import type { RedisClient } from './redis_client.js';

/** What /health/ready says when Redis answers but holds none of fitgate's data any more. */
export const REDIS_EMPTY =
  "empty: Redis lost fitgate's data (restarted without persistence or flushed?); restore it or restart fitgate to set it up anew";

/** What /health/ready says when Redis answers but refuses writes for want of memory. */
export const REDIS_FULL =
  'full: Redis is full (maxmemory reached with noeviction) and refuses every write; free memory or raise maxmemory';

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
 * Undefined when ready; the problem in words when Redis answers but cannot serve; rejects when
 * Redis does not answer (or refuses for another reason, e.g. a read-only replica).
 */
export async function redisReadiness(client: RedisClient, keys: RedisKeys): Promise<string | undefined> {
  const [marker, probe] = await Promise.allSettled([
    client.exists(keys.storeMarker()),
    client.set(keys.writeProbe(), '1', { PX: WRITE_PROBE_TTL_MS }),
  ]);
  if (marker.status === 'rejected') throw marker.reason;
  if (marker.value === 0) return REDIS_EMPTY;
  if (probe.status === 'rejected') {
    if (probe.reason instanceof StoreFullError) return REDIS_FULL;
    throw probe.reason;
  }
  return undefined;
}
