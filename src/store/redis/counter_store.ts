import type { CounterStore } from '../../domain/ports.js';
import type { RedisKeys } from './keys.js';
import { LuaScript } from './lua_script.js';
import type { RedisClient } from './redis_client.js';

/**
 * INCR, and on the window's first hit PEXPIRE; in one script, so a crash between the two can never
 * leave a counter without expiry. Returns the count and the milliseconds left in the window.
 */
const HIT = new LuaScript(`
local count = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return { count, ttl }
`);

/** Fixed-window counters whose window is the Redis TTL of the key. */
export class RedisCounterStore implements CounterStore {
  constructor(
    private readonly client: RedisClient,
    private readonly keys: RedisKeys,
  ) {}

  async hit(key: string, windowSeconds: number): Promise<{ count: number; resetAt: number }> {
    if (!(windowSeconds > 0)) throw new RangeError(`windowSeconds must be positive, got ${windowSeconds}`);
    const now = Date.now();
    const [count, ttlMs] = (await HIT.run(this.client, [this.keys.counter(key)], [String(Math.round(windowSeconds * 1000))])) as [
      number,
      number,
    ];
    return { count: Number(count), resetAt: now + Number(ttlMs) };
  }

  async reset(key: string): Promise<void> {
    await this.client.del(this.keys.counter(key));
  }
}
