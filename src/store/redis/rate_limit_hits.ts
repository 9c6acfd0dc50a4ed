import type { AddRateLimitHits } from '../rate_limit_batches.js';
import { LuaScript } from './lua_script.js';
import type { RedisClient } from './redis_client.js';
import { RATE_LIMIT_INCR_SCRIPT } from './rate_limit_script.js';

/** rate-limiter-flexible's increment (rate_limit_script.ts), run on every key of a batch: the same keys and counts. */
const ADD_HITS = new LuaScript(RATE_LIMIT_INCR_SCRIPT);

/** A batch of rate-limit hits on Redis: one script, one round trip, whatever the number of keys. */
export function redisRateLimitHits(client: RedisClient): AddRateLimitHits {
  return async (hits) => {
    // Windows are whole seconds (FITGATE_RATE_LIMIT_*), which is what EXPIRE takes.
    const args = hits.flatMap(({ points, durationMs }) => [String(points), String(Math.ceil(durationMs / 1000))]);
    const answer = (await ADD_HITS.run(
      client,
      hits.map(({ key }) => key),
      args,
    )) as number[];
    const now = Date.now();
    return hits.map((_, index) => ({ points: Number(answer[2 * index]), expiresAt: now + Number(answer[2 * index + 1]) }));
  };
}
