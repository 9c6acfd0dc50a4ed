import type { EphemeralKind, EphemeralStore } from '../../domain/ports.js';
import type { RedisKeys } from './keys.js';
import type { RedisClient } from './redis_client.js';

/** Short-lived records with real Redis TTLs; consume is GETDEL, atomic in Redis by nature. */
export class RedisEphemeralStore implements EphemeralStore {
  constructor(
    private readonly client: RedisClient,
    private readonly keys: RedisKeys,
  ) {}

  async put<T>(kind: EphemeralKind, key: string, value: T, ttlSeconds: number): Promise<void> {
    if (!(ttlSeconds > 0)) throw new RangeError(`ttlSeconds must be positive, got ${ttlSeconds}`);
    await this.client.set(this.keys.ephemeral(kind, key), JSON.stringify(value), {
      expiration: { type: 'PX', value: Math.round(ttlSeconds * 1000) },
    });
  }

  async get<T>(kind: EphemeralKind, key: string): Promise<T | undefined> {
    return parse<T>(await this.client.get(this.keys.ephemeral(kind, key)));
  }

  async consume<T>(kind: EphemeralKind, key: string): Promise<T | undefined> {
    return parse<T>(await this.client.getDel(this.keys.ephemeral(kind, key)));
  }

  async delete(kind: EphemeralKind, key: string): Promise<boolean> {
    return (await this.client.del(this.keys.ephemeral(kind, key))) > 0;
  }
}

function parse<T>(json: string | null): T | undefined {
  return json === null ? undefined : (JSON.parse(json) as T);
}
