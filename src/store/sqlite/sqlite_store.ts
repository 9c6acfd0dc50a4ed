import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Store as SessionStore } from 'express-session';
import type { Logger } from 'pino';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import type { CacheLookupsSource } from '../cache/record_cache.js';
import type { ClientRepository, ConnectionRepository, TenantRepository } from '../../domain/ports.js';
import { cachedClients, cachedConnections, cachedTenants } from '../cache/cached_repositories.js';
import type { RateLimiterOptions, Store } from '../store.js';
import { StartRefusedError } from '../start_refused_error.js';
import { SqliteAdminRepository } from './admin_repository.js';
import { SqliteClientRepository } from './client_repository.js';
import { SqliteConnectionRepository } from './connection_repository.js';
import { SqliteCounterStore } from './counter_store.js';
import { countCommits, type CommitCount } from './commit_counter.js';
import { DATABASE_FILE, openDatabase, type SqliteDatabase } from './database.js';
import { SqliteEphemeralStore } from './ephemeral_store.js';
import { GroupCommit } from './group_commit.js';
import { hashRawTicketKeys } from './hashed_ticket_keys.js';
import { SqliteLockStore } from './lock_store.js';
import { SqliteLogRepository } from './log_repository.js';
import { MIGRATIONS } from './migrations.js';
import { moveStashedRecords, stashShortLivedRecords } from './move_short_lived_records.js';
import { RateLimitBatches, type HitLimiter } from '../rate_limit_batches.js';
import { sqliteRateLimitHits } from './rate_limit_hits.js';
import { rateLimitsRefused } from './rate_limits_readiness.js';
import { SqliteRateLimiter } from './rate_limiter.js';
import { SqliteSealedRecordStore } from './sealed_record_store.js';
import type { SealedRecordStore } from '../../domain/sealed_record_store.js';
import { SqliteSessionStore } from './session_store.js';
import { SqliteConfigVersion } from './sqlite_config_version.js';
import { lockedFiles, movedFiles, openedFile, type OpenedFile } from './sqlite_readiness.js';
import { openShortLivedDatabase } from './short_lived_database.js';
import { SHORT_LIVED_DATABASE_FILE, SHORT_LIVED_TABLES_MOVED_MIGRATION } from './short_lived_schema.js';
import { DatabaseNotSetUpError, holdsFitgateData, markSetUp } from './store_setup.js';
import { closeFile } from './close_file.js';
import { startSweeper } from './sweeper.js';
import { SqliteTenantRepository } from './tenant_repository.js';
import { SqliteUserRepository } from './user_repository.js';
import { writeGateOf } from './write_gate.js';
import { unwritableFiles } from './write_probe.js';

/**
 * fitgate.db, its migrations still uncommitted when any ran (openDurable), and the short-lived file
 * once open.
 */
interface OpenedFiles {
  durable: SqliteDatabase;
  /** Whether the migrations stashed short-lived rows that the short-lived file must take before they commit. */
  stashed: boolean;
  shortLived: SqliteDatabase | undefined;
}

function closeOpened(opened: OpenedFiles): void {
  // Rolled back, not left to close(): libsql may keep the connection, and with it the lock, open.
  if (opened.durable.inTransaction) opened.durable.exec('ROLLBACK');
  // Only reads and migrations ran on them: no write waits at a gate, so closing the files is enough.
  closeFile(opened.durable);
  if (opened.shortLived) closeFile(opened.shortLived);
}

export interface SqliteOpenOptions {
  /**
   * Refuse a fitgate.db that no start set up (DatabaseNotSetUpError), without creating one where
   * there is none. A cluster worker asks for it: its primary set the store up before forking it, so
   * a worker that finds none is looking at a data directory deleted or replaced since, and must not
   * answer 404 for every tenant beside workers that still serve the old file.
   */
  readonly requireSetUp?: boolean;
}

/**
 * The embedded store: SQLite in the data directory, no server to run. Two files, one per durability
 * class (short_lived_schema.ts, docs/storage.md): `fitgate.db` for records of record (fsynced at
 * every commit) and `fitgate-short-lived.db` for logins in flight, codes, sessions, locks and
 * counters (no fsync per commit).
 */
export class SqliteStore implements Store {
  readonly kind = 'sqlite';
  readonly tenants: TenantRepository;
  readonly clients: ClientRepository;
  readonly connections: ConnectionRepository;
  readonly users: SqliteUserRepository;
  readonly admins: SqliteAdminRepository;
  readonly logs: SqliteLogRepository;
  readonly ephemeral: SqliteEphemeralStore;
  readonly locks: SqliteLockStore;
  readonly counters: SqliteCounterStore;
  readonly sealedRecords: SqliteSealedRecordStore;
  private readonly sessions: SqliteSessionStore;
  private readonly rateLimitBatches: RateLimitBatches;
  private readonly stopSweeper: () => void;
  private readonly durableCommits: CommitCount;
  /** fitgate.db's writes that share a commit (users, refresh tokens, grants, tickets). */
  private readonly durableWrites: GroupCommit;
  private readonly shortLivedCommits: CommitCount;
  /** The two files as opened, for readiness to notice one deleted or replaced under this process. */
  private readonly files: readonly OpenedFile[];

  /**
   * Opens both files in `<dataDir>`, migrating their schemas (moving the short-lived rows of a
   * fitgate.db written before the split), and starts the expiry sweeper.
   */
  static open(dataDir: string, logger?: Logger, metrics?: CacheLookupsSource, options: SqliteOpenOptions = {}): SqliteStore {
    const opened = SqliteStore.openDurable(dataDir, options);
    return SqliteStore.completeOpening(opened, dataDir, logger, metrics);
  }

  /**
   * As open, but first asks `refuse` about fitgate.db's sealed values (the start's master key
   * check): a message closes fitgate.db and rejects with StartRefusedError. A refused start (a
   * restored fitgate.db, another master key, an upgrade run with the wrong one) leaves the data
   * directory as it found it: the check reads fitgate.db migrated but not yet committed, and a
   * refusal rolls the migrations back, so the fitgate it came from still opens it (a rollback,
   * docs/operations.md#upgrading); the short-lived file is opened only after the check, so no new
   * one is left beside a restored fitgate.db.
   *
   * Why one transaction rather than a check before migrating, on the file as it is: the sealed
   * values are counted by a table of the second schema version, and a later step may count more,
   * so only the migrated file answers what this fitgate would serve. The check holds fitgate.db's
   * write lock only when a step ran (an upgrade), for as long as it reads a few counters.
   */
  static async openChecked(
    dataDir: string,
    refuse: (records: SealedRecordStore) => Promise<string | undefined>,
    logger?: Logger,
    metrics?: CacheLookupsSource,
    options: SqliteOpenOptions = {},
  ): Promise<SqliteStore> {
    const opened = SqliteStore.openDurable(dataDir, options);
    let problem: string | undefined;
    try {
      problem = await refuse(new SqliteSealedRecordStore(opened.durable));
    } catch (error) {
      closeOpened(opened);
      throw error;
    }
    if (problem !== undefined) {
      closeOpened(opened);
      throw new StartRefusedError(problem);
    }
    return SqliteStore.completeOpening(opened, dataDir, logger, metrics);
  }

  /**
   * fitgate.db first, its migrations left uncommitted (MigrationOptions.uncommitted), so a start
   * refused for its sake (a newer schema, not set up, a master key check) changes nothing in the
   * data directory: no short-lived file is created, and a worker's refusal of a file that is not
   * set up leaves that file as it is too. The short-lived rows an older fitgate.db held wait in
   * fitgate.db's connection until the start goes on (move_short_lived_records.ts).
   */
  private static openDurable(dataDir: string, options: SqliteOpenOptions): OpenedFiles {
    const requireSetUp = options.requireSetUp ?? false;
    const durablePath = join(dataDir, DATABASE_FILE);
    if (requireSetUp && !existsSync(durablePath)) throw new DatabaseNotSetUpError(durablePath, true);
    const movedAt = MIGRATIONS.indexOf(SHORT_LIVED_TABLES_MOVED_MIGRATION);
    let stashed = false;
    const durable = openDatabase(dataDir, {
      uncommitted: true,
      beforeStep: (version, migrating) => {
        if (version !== movedAt) return;
        stashShortLivedRecords(migrating);
        stashed = true;
      },
    });
    const opened: OpenedFiles = { durable, stashed, shortLived: undefined };
    try {
      if (requireSetUp && !holdsFitgateData(durable)) throw new DatabaseNotSetUpError(durablePath, false);
      return opened;
    } catch (error) {
      closeOpened(opened);
      throw error;
    }
  }

  /**
   * The start goes on. Stashed rows go into the short-lived file before fitgate.db commits their
   * drop (fitgate.db's lock first, then the short-lived file's, as everywhere); otherwise fitgate.db
   * commits before the short-lived file is opened, holding its lock no longer than it must.
   */
  private static commitMigrations(opened: OpenedFiles, dataDir: string): SqliteDatabase {
    if (opened.stashed) moveStashedRecords(opened.durable, (opened.shortLived ??= openShortLivedDatabase(dataDir)));
    if (opened.durable.inTransaction) opened.durable.exec('COMMIT');
    return (opened.shortLived ??= openShortLivedDatabase(dataDir));
  }

  private static completeOpening(opened: OpenedFiles, dataDir: string, logger?: Logger, metrics?: CacheLookupsSource): SqliteStore {
    try {
      const shortLived = SqliteStore.commitMigrations(opened, dataDir);
      const hashed = hashRawTicketKeys(opened.durable);
      if (hashed > 0) logger?.info({ tickets: hashed }, 'set-password links issued by an earlier fitgate are now stored by their SHA-256 only');
      return new SqliteStore(opened.durable, shortLived, dataDir, logger, metrics);
    } catch (error) {
      closeOpened(opened);
      throw error;
    }
  }

  private constructor(
    /** fitgate.db: records of record. */
    readonly db: SqliteDatabase,
    /** fitgate-short-lived.db. */
    readonly shortLivedDb: SqliteDatabase,
    private readonly dataDir: string,
    logger?: Logger,
    metrics?: CacheLookupsSource,
  ) {
    this.files = [openedFile(join(dataDir, DATABASE_FILE)), openedFile(join(dataDir, SHORT_LIVED_DATABASE_FILE))];
    this.durableCommits = countCommits(db);
    this.shortLivedCommits = countCommits(shortLivedDb);
    this.tenants = new SqliteTenantRepository(db);
    this.clients = new SqliteClientRepository(db);
    this.connections = new SqliteConnectionRepository(db);
    this.durableWrites = new GroupCommit(db);
    this.users = new SqliteUserRepository(db, this.durableWrites);
    this.admins = new SqliteAdminRepository(db);
    this.logs = new SqliteLogRepository(
      db,
      (error) => logger?.error({ err: error }, 'writing a batch of log events failed; retrying'),
      (lost) => logger?.error({ lost }, `${lost} log events could not be written and are lost`),
    );
    this.ephemeral = new SqliteEphemeralStore(db, shortLivedDb, this.durableWrites);
    this.locks = new SqliteLockStore(shortLivedDb);
    this.counters = new SqliteCounterStore(shortLivedDb);
    // Read on nearly every request, changed rarely: cached in process (../cache/cached_repositories.ts).
    const configVersion = new SqliteConfigVersion(db);
    this.tenants = cachedTenants(this.tenants, configVersion, metrics);
    this.clients = cachedClients(this.clients, configVersion, metrics);
    this.connections = cachedConnections(this.connections, configVersion, metrics);
    this.sealedRecords = new SqliteSealedRecordStore(db);
    this.sessions = new SqliteSessionStore(shortLivedDb);
    this.rateLimitBatches = new RateLimitBatches(sqliteRateLimitHits(shortLivedDb));
    this.stopSweeper = startSweeper({ durable: db, shortLived: shortLivedDb }, (error) => logger?.error({ err: error }, 'sweeping expired records failed'));
  }

  sessionStore(): SessionStore {
    return this.sessions;
  }

  rateLimiter(options: RateLimiterOptions): RateLimiterAbstract {
    return new SqliteRateLimiter(this.shortLivedDb, options);
  }

  batchedRateLimiter(options: Omit<RateLimiterOptions, 'blockSeconds'>): HitLimiter {
    return this.rateLimitBatches.limiter(options);
  }

  /** The primary's readiness ping of each worker (FITGATE_WORKERS) lands here too: see RedisStore.ping(). */
  async ping(): Promise<void> {
    this.db.prepare('SELECT 1').get();
    await this.rateLimitBatches.usable();
  }

  /**
   * Every start (bootstrap), before the first-start records: refuses a fitgate.db that lost the
   * data the short-lived file says it held, and marks both files as set up (store_setup.ts).
   */
  markInitialised(): Promise<void> {
    return markSetUp(this.db, this.shortLivedDb, this.dataDir);
  }

  /**
   * Both files are still the ones opened (a deleted one keeps answering through the open
   * connection, so a SELECT cannot tell), both answer (SELECT 1), neither is locked by another
   * process (in WAL mode a write lock never blocks a read, so readiness tries for each file's write
   * lock itself: sqlite_readiness.ts), neither has refused writes of late for a reason of its
   * own, such as a full disk, unless a write probe now goes through (write_probe.ts), and the rate
   * limits count again if a batch of theirs failed (why: RedisStore.readiness()).
   */
  async readiness(): Promise<string | undefined> {
    const moved = movedFiles(this.files);
    if (moved) return moved;
    this.db.prepare('SELECT 1').get();
    this.shortLivedDb.prepare('SELECT 1').get();
    const locked = await lockedFiles([writeGateOf(this.db), writeGateOf(this.shortLivedDb)]);
    if (locked) return locked;
    return this.unwritable() ?? (await rateLimitsRefused(this.rateLimitBatches));
  }

  /** Costs two WeakMap lookups unless a write failed here lately (write_probe.ts). */
  unwritable(): string | undefined {
    return unwritableFiles([
      { db: this.db, path: join(this.dataDir, DATABASE_FILE) },
      { db: this.shortLivedDb, path: join(this.dataDir, SHORT_LIVED_DATABASE_FILE) },
    ]);
  }

  /**
   * Commits so far on each file, for the benchmark's writes per login: on fitgate.db each is an
   * fsync (synchronous=FULL), on the short-lived file none is.
   */
  commitCounts(): { durable: number; shortLived: number } {
    return { durable: this.durableCommits.commits, shortLived: this.shortLivedCommits.commits };
  }

  async close(): Promise<void> {
    this.stopSweeper();
    await this.rateLimitBatches.close();
    await this.logs.close();
    if (this.db.open) {
      this.durableWrites.commit();
      writeGateOf(this.db).close();
      closeFile(this.db);
    }
    if (this.shortLivedDb.open) {
      writeGateOf(this.shortLivedDb).close();
      closeFile(this.shortLivedDb);
    }
  }
}
