import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Logger } from 'pino';
import type { Config } from '../config/index.js';
import { makeDirectory, missingLevel } from '../config/make_directory.js';
import { unwritablePlace } from '../config/unwritable_place.js';
import { openRedisStore } from './redis/open_redis_store.js';
import { DATA_DIRECTORY_MODE, DATABASE_FILE } from './sqlite/database.js';
import { SqliteStore, type SqliteOpenOptions } from './sqlite/sqlite_store.js';
import { StartRefusedError } from './start_refused_error.js';
import type { SealedRecordStore } from '../domain/sealed_record_store.js';
import type { Store } from './store.js';
import type { StoreCountsSource } from './store_counts.js';

export interface OpenStoreOptions extends SqliteOpenOptions {
  /**
   * A check of the stored sealed values before the store is used (the start's master key check): a
   * message closes the store and rejects with StartRefusedError carrying it. On the embedded store
   * it reads fitgate.db migrated but not yet committed, before the short-lived file is opened, so a
   * refused start leaves fitgate.db at its schema version and creates no short-lived file.
   */
  readonly refuse?: (records: SealedRecordStore) => Promise<string | undefined>;
}

/**
 * Opens the store the configuration asks for: Redis when REDIS_URL is set, otherwise the embedded
 * SQLite database in FITGATE_DATA_DIR. Rejects with a one-line message naming the setting when it
 * cannot. With `metrics`, the in-process caches count their hits and misses, and Redis its lost
 * connections.
 */
export async function openStore(config: Config, logger?: Logger, metrics?: StoreCountsSource, options: OpenStoreOptions = {}): Promise<Store> {
  const { refuse, ...sqliteOptions } = options;
  if (config.redis) {
    const store = await openRedisStore(config, config.redis, logger, metrics);
    const problem = await refuseOrClose(store, refuse);
    if (problem === undefined) return store;
    await store.close();
    throw new StartRefusedError(problem);
  }
  try {
    // A store that must already be set up is not made here: not even its directory (open refuses it).
    // Such an open is a cluster worker's, whose primary has already warned about the directory.
    if (!options.requireSetUp) {
      assertWritable(config.dataDir);
      warnIfOpenToOthers(config.dataDir, logger);
    }
    return refuse
      ? await SqliteStore.openChecked(config.dataDir, refuse, logger, metrics, sqliteOptions)
      : SqliteStore.open(config.dataDir, logger, metrics, sqliteOptions);
  } catch (error) {
    if (error instanceof StartRefusedError) throw error;
    throw new Error(`cannot open the embedded database in FITGATE_DATA_DIR (${config.dataDir}): ${firstLine(error)}`, {
      cause: error,
    });
  }
}

async function refuseOrClose(store: Store, refuse: OpenStoreOptions['refuse']): Promise<string | undefined> {
  try {
    return await refuse?.(store.sealedRecords);
  } catch (error) {
    await store.close();
    throw error;
  }
}

/**
 * SQLite opens a read-only file without complaint and fails later, at the first write, with a
 * code (or "ConnectionFailed(... 14)") that names neither the directory nor the fix. WAL mode also
 * creates files beside the database, so the directory itself must be writable. A read-only file
 * system and a permission are told apart: the fixes differ (unwritable_place.ts).
 */
function assertWritable(dataDir: string): void {
  try {
    makeDirectory(dataDir, DATA_DIRECTORY_MODE);
  } catch (error) {
    const unwritable = unwritablePlace((error as NodeJS.ErrnoException).code, dataDir);
    throw unwritable === undefined ? error : new Error(unwritable, { cause: error });
  }
  const database = join(dataDir, DATABASE_FILE);
  for (const path of existsSync(database) ? [dataDir, database] : [dataDir]) {
    try {
      accessSync(path, constants.W_OK);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new Error(
        unwritablePlace(code, path) ??
          (code === 'ENOENT' ? missingLevel(path) : `${path} is not writable by this process; give it write access or set FITGATE_DATA_DIR to a writable directory`),
        { cause: error },
      );
    }
  }
}

/**
 * A data directory that other users may enter lets them see which files it holds and read any that
 * is not 0600 (a copy someone put there; an earlier fitgate's database files until open makes them
 * 0600); one they may write lets them replace or delete fitgate.db. fitgate creates it 0700; one that
 * already exists is left as the operator made it (a mount point, a shared group may be deliberate),
 * with a warning at each start that says how to close it, as for Redis settings that risk the data.
 */
function warnIfOpenToOthers(dataDir: string, logger: Logger | undefined): void {
  const stats = statSync(dataDir, { throwIfNoEntry: false });
  if (!stats?.isDirectory() || (stats.mode & 0o077) === 0) return;
  const mode = (stats.mode & 0o777).toString(8).padStart(4, '0');
  const path = resolve(dataDir);
  logger?.warn(
    { dataDir: path, mode },
    `WARNING: the data directory ${path} is open to other users (mode ${mode}); it holds password hashes and users' details: run chmod 700 ${path}`,
  );
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}
