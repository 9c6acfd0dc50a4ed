import type { AddRateLimitHits } from '../rate_limit_batches.js';
import { LuaScript } from './lua_script.js';
import type { RedisClient } from './redis_client.js';

/**
 * RATE_LIMIT_INCR_SCRIPT (rate_limit_script.ts) for every key of a batch in one script: the same
 * keys and counts as rate-limiter-flexible's, so both limiters read each other. ARGV holds, per key,
 * its points and its window in ms; the answer, per key, its points and the ms its window has left.
 */
const ADD_HITS = new LuaScript(`local answer = {}
for i, key in ipairs(KEYS) do
  local consumed = redis.call('incrby', key, ARGV[2 * i - 1])
  local ttl = redis.call('pttl', key)
  if ttl == -1 then
    redis.call('pexpire', key, ARGV[2 * i])
    ttl = tonumber(ARGV[2 * i])
  end
  answer[2 * i - 1] = consumed
  answer[2 * i] = ttl
end
return answer`);

/** A batch of rate-limit hits on Redis: one script, one round trip, whatever the number of keys. */
export function redisRateLimitHits(client: RedisClient): AddRateLimitHits {
  return async (hits) => {
    const args = hits.flatMap(({ points, durationMs }) => [String(points), String(durationMs)]);
    const answer = (await ADD_HITS.run(
      client,
      hits.map(({ key }) => key),
      args,
    )) as number[];
    const now = Date.now();
    return hits.map((_, index) => ({ points: Number(answer[2 * index]), expiresAt: now + Number(answer[2 * index + 1]) }));
  };
}
