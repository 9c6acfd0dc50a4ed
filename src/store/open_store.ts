import { accessSync, constants, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { CacheLookupsSource } from './cache/record_cache.js';
import type { Config } from '../config/index.js';
import { openRedisStore } from './redis/open_redis_store.js';
import { DATABASE_FILE } from './sqlite/database.js';
import { SqliteStore, type SqliteOpenOptions } from './sqlite/sqlite_store.js';
import type { Store } from './store.js';

/**
 * Opens the store the configuration asks for: Redis when REDIS_URL is set, otherwise the embedded
 * SQLite database in FITGATE_DATA_DIR. Rejects with a one-line message naming the setting when it
 * cannot. With `metrics`, the in-process caches count their hits and misses.
 */
export async function openStore(config: Config, logger?: Logger, metrics?: CacheLookupsSource, options: SqliteOpenOptions = {}): Promise<Store> {
  if (config.redis) return openRedisStore(config, config.redis, logger, metrics);
  try {
    // A store that must already be set up is not made here: not even its directory (open refuses it).
    if (!options.requireSetUp) assertWritable(config.dataDir);
    return SqliteStore.open(config.dataDir, logger, metrics, options);
  } catch (error) {
    throw new Error(`cannot open the embedded database in FITGATE_DATA_DIR (${config.dataDir}): ${firstLine(error)}`, {
      cause: error,
    });
  }
}

/**
 * SQLite opens a read-only file without complaint and fails later, at the first write, with a
 * code (or "ConnectionFailed(... 14)") that names neither the directory nor the fix. WAL mode also
 * creates files beside the database, so the directory itself must be writable.
 */
function assertWritable(dataDir: string): void {
  mkdirSync(dataDir, { recursive: true });
  const database = join(dataDir, DATABASE_FILE);
  for (const path of existsSync(database) ? [dataDir, database] : [dataDir]) {
    try {
      accessSync(path, constants.W_OK);
    } catch {
      throw new Error(`${path} is not writable by this process; give it write access or set FITGATE_DATA_DIR to a writable directory`);
    }
  }
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}
