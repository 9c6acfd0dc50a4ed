import type { ConfigVersion } from '../cache/config_version.js';
import type { RedisClient } from './redis_client.js';

/** How stale a version read from Redis may be: a change on another instance is seen within this. */
export const CONFIG_VERSION_CHECK_MS = 250;

/**
 * The Redis store's ConfigVersion: a counter key, INCRed after every write of tenants, clients and
 * connections, and read at most every CONFIG_VERSION_CHECK_MS (concurrent readers share one GET),
 * so a request costs no Redis command for what rarely changes. A change made by this process is
 * seen at once; one made on another instance or worker within CONFIG_VERSION_CHECK_MS.
 */
export class RedisConfigVersion implements ConfigVersion {
  private version = '';
  private checkedAt = Number.NEGATIVE_INFINITY;
  private pending: Promise<string> | undefined;

  constructor(
    private readonly client: RedisClient,
    private readonly key: string,
    private readonly checkMs = CONFIG_VERSION_CHECK_MS,
  ) {}

  async read(): Promise<string> {
    if (Date.now() - this.checkedAt < this.checkMs) return this.version;
    // Only an answer counts as checked: a failed read is tried again by the next reader, so a read
    // that resolves means Redis answered within checkMs (the record cache bounds its outage by it).
    this.pending ??= this.client
      .get(this.key)
      .then((value) => {
        this.version = value ?? '0';
        this.checkedAt = Date.now();
        return this.version;
      })
      .finally(() => {
        this.pending = undefined;
      });
    return this.pending;
  }

  async changed(): Promise<void> {
    this.version = String(await this.client.incr(this.key));
    this.checkedAt = Date.now();
  }
}
