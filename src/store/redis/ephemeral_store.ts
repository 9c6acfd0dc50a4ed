import type { EphemeralKind, EphemeralStore, LeftBehind } from '../../domain/ports.js';
import { ephemeralTtlMs } from '../ephemeral_ttl.js';
import type { RedisKeys } from './keys.js';
import { LuaScript } from './lua_script.js';
import type { RedisClient } from './redis_client.js';

/**
 * GETDEL, and the record left behind (KEYS[2], when given) only when there was one to take: one
 * round trip, atomic. A full Redis (maxmemory under noeviction) refuses only commands that may grow
 * memory, and GETDEL is not one, so alone it would take a record while every write after it fails:
 * /login/callback would lose the login it promises to keep for a retry (docs/operations.md, when the
 * store is down). The SETRANGE of nothing changes nothing, but Redis checks memory before it, and a
 * script refused at its first write has done nothing: the take is refused as every write is, and
 * the record stays, as on the embedded store, whose full disk refuses the delete too.
 */
const CONSUME = new LuaScript(`
redis.call('SETRANGE', KEYS[1], 0, '')
local taken = redis.call('GETDEL', KEYS[1])
if taken and KEYS[2] then redis.call('SET', KEYS[2], ARGV[1], 'PX', ARGV[2]) end
return taken
`);

/** Short-lived records with real Redis TTLs; consume is one script (CONSUME), atomic in Redis by nature. */
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
    if (!leave) return parse<T>((await CONSUME.run(this.client, [taken], [])) as string | null);
    const left = [JSON.stringify(leave.value), String(ephemeralTtlMs(leave.ttlSeconds))];
    return parse<T>((await CONSUME.run(this.client, [taken, this.keys.ephemeral(leave.kind ?? kind, leave.key)], left)) as string | null);
  }

  async delete(kind: EphemeralKind, key: string): Promise<boolean> {
    return (await this.client.del(this.keys.ephemeral(kind, key))) > 0;
  }
}

function parse<T>(json: string | null): T | undefined {
  return json === null ? undefined : (JSON.parse(json) as T);
}
