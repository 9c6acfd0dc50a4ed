/**
 * rate-limiter-flexible's increment for RateLimiterRedis (its `customIncrTtlLuaScript`), with the
 * same arguments and answer ({consumed points, ms left}), one command fewer per hit: the stock
 * script opens with SET NX EX to create the key with its expiry, a write on every hit; here INCRBY
 * creates it and the expiry is set when PTTL finds none, which the stock script does as well.
 * It takes any number of keys, ARGV holding each key's points and window in seconds, and answers
 * each key's pair in turn: the library calls it with one key, the batches of rate_limit_hits.ts
 * with every key they carry.
 */
export const RATE_LIMIT_INCR_SCRIPT = `local answer = {}
for i, key in ipairs(KEYS) do
  local consumed = redis.call('incrby', key, ARGV[2 * i - 1])
  local ttl = redis.call('pttl', key)
  if ttl == -1 then
    redis.call('expire', key, ARGV[2 * i])
    ttl = 1000 * ARGV[2 * i]
  end
  answer[2 * i - 1] = consumed
  answer[2 * i] = ttl
end
return answer`;
