import type { EphemeralKind, EphemeralStore, LeftBehind } from '../../domain/ports.js';
import { ephemeralTtlMs } from '../ephemeral_ttl.js';
import type { RedisKeys } from './keys.js';
import { LuaScript } from './lua_script.js';
import type { RedisClient } from './redis_client.js';

/** GETDEL, and the record left behind only when there was one to take: one round trip, atomic. */
const CONSUME_LEAVING = new LuaScript(`
local taken = redis.call('GETDEL', KEYS[1])
if taken then redis.call('SET', KEYS[2], ARGV[1], 'PX', ARGV[2]) end
return taken
`);

/** Short-lived records with real Redis TTLs; consume is GETDEL, atomic in Redis by nature. */
export class RedisEphemeralStore implements EphemeralStore {
  constructor(
    private readonly client: RedisClient,
    private readonly keys: RedisKeys,
  ) {}

  async put<T>(kind: EphemeralKind, key: string, value: T, ttlSeconds: number): Promise<void> {
    await this.client.set(this.keys.ephemeral(kind, key), JSON.stringify(value), {
      expiration: { type: 'PX', value: ephemeralTtlMs(ttlSeconds) },
    });
  }

  async get<T>(kind: EphemeralKind, key: string): Promise<T | undefined> {
    return parse<T>(await this.client.get(this.keys.ephemeral(kind, key)));
  }

  async consume<T>(kind: EphemeralKind, key: string, leave?: LeftBehind): Promise<T | undefined> {
    const taken = this.keys.ephemeral(kind, key);
    if (!leave) return parse<T>(await this.client.getDel(taken));
    const left = [JSON.stringify(leave.value), String(ephemeralTtlMs(leave.ttlSeconds))];
    return parse<T>((await CONSUME_LEAVING.run(this.client, [taken, this.keys.ephemeral(leave.kind ?? kind, leave.key)], left)) as string | null);
  }

  async delete(kind: EphemeralKind, key: string): Promise<boolean> {
    return (await this.client.del(this.keys.ephemeral(kind, key))) > 0;
  }
}

function parse<T>(json: string | null): T | undefined {
  return json === null ? undefined : (JSON.parse(json) as T);
}
