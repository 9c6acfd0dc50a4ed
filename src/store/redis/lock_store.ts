import { randomBytes } from 'node:crypto';
import type { LockStore } from '../../domain/ports.js';
import type { RedisKeys } from './keys.js';
import { LuaScript } from './lua_script.js';
import type { RedisClient } from './redis_client.js';

/** Deletes the lock only while it still holds the caller's token (a lock that expired and was retaken stays). */
const RELEASE = new LuaScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`);

/** SET NX PX locks with an owner token: Redis expires a crashed holder's lock by itself. */
export class RedisLockStore implements LockStore {
  constructor(
    private readonly client: RedisClient,
    private readonly keys: RedisKeys,
  ) {}

  async tryAcquire(name: string, ttlMs: number): Promise<string | undefined> {
    if (!(ttlMs > 0)) throw new RangeError(`ttlMs must be positive, got ${ttlMs}`);
    const token = randomBytes(16).toString('base64url');
    const reply = await this.client.set(this.keys.lock(name), token, {
      condition: 'NX',
      expiration: { type: 'PX', value: Math.ceil(ttlMs) },
    });
    return reply === 'OK' ? token : undefined;
  }

  async release(name: string, token: string): Promise<boolean> {
    return Number(await RELEASE.run(this.client, [this.keys.lock(name)], [token])) === 1;
  }
}
