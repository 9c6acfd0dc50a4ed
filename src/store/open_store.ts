import type { Logger } from 'pino';
import type { Config } from '../config/index.js';
import { connectRedis } from './redis/connect_redis.js';
import { RedisStore } from './redis/redis_store.js';
import { SqliteStore } from './sqlite/sqlite_store.js';
import type { Store } from './store.js';

/**
 * Opens the store the configuration asks for: Redis when REDIS_URL is set, otherwise the embedded
 * SQLite database in FITGATE_DATA_DIR. Rejects with a message naming the setting when it cannot.
 */
export async function openStore(config: Config, logger?: Logger): Promise<Store> {
  if (config.redis) {
    const client = await connectRedis({
      url: config.redis.url,
      onError: (error) => logger?.error({ err: error }, 'Redis connection error; reconnecting'),
    });
    return new RedisStore(client, config.redis.prefix);
  }
  try {
    return SqliteStore.open(config.dataDir, logger);
  } catch (error) {
    throw new Error(`cannot open the embedded database in FITGATE_DATA_DIR (${config.dataDir}): ${(error as Error).message}`, {
      cause: error,
    });
  }
}
