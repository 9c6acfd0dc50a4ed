import type { Store as SessionStore } from 'express-session';
import type { Logger } from 'pino';
import { RateLimiterSQLite, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { RateLimiterOptions, Store } from '../store.js';
import { SqliteAdminRepository } from './admin_repository.js';
import { SqliteClientRepository } from './client_repository.js';
import { SqliteConnectionRepository } from './connection_repository.js';
import { SqliteCounterStore } from './counter_store.js';
import { openDatabase, type SqliteDatabase } from './database.js';
import { SqliteEphemeralStore } from './ephemeral_store.js';
import { SqliteLockStore } from './lock_store.js';
import { SqliteLogRepository } from './log_repository.js';
import { SqliteSealedRecordStore } from './sealed_record_store.js';
import { SqliteSessionStore } from './session_store.js';
import { startSweeper } from './sweeper.js';
import { SqliteTenantRepository } from './tenant_repository.js';
import { SqliteUserRepository } from './user_repository.js';

/** The embedded store: one SQLite database in the data directory, no server to run. */
export class SqliteStore implements Store {
  readonly kind = 'sqlite';
  readonly tenants: SqliteTenantRepository;
  readonly clients: SqliteClientRepository;
  readonly connections: SqliteConnectionRepository;
  readonly users: SqliteUserRepository;
  readonly admins: SqliteAdminRepository;
  readonly logs: SqliteLogRepository;
  readonly ephemeral: SqliteEphemeralStore;
  readonly locks: SqliteLockStore;
  readonly counters: SqliteCounterStore;
  readonly sealedRecords: SqliteSealedRecordStore;
  private readonly sessions: SqliteSessionStore;
  private readonly stopSweeper: () => void;

  /** Opens `<dataDir>/fitgate.db`, migrating its schema, and starts the expiry sweeper. */
  static open(dataDir: string, logger?: Logger): SqliteStore {
    return new SqliteStore(openDatabase(dataDir), logger);
  }

  private constructor(
    readonly db: SqliteDatabase,
    logger?: Logger,
  ) {
    this.tenants = new SqliteTenantRepository(db);
    this.clients = new SqliteClientRepository(db);
    this.connections = new SqliteConnectionRepository(db);
    this.users = new SqliteUserRepository(db);
    this.admins = new SqliteAdminRepository(db);
    this.logs = new SqliteLogRepository(db);
    this.ephemeral = new SqliteEphemeralStore(db);
    this.locks = new SqliteLockStore(db);
    this.counters = new SqliteCounterStore(db);
    this.sealedRecords = new SqliteSealedRecordStore(db);
    this.sessions = new SqliteSessionStore(db);
    this.stopSweeper = startSweeper(db, (error) => logger?.error({ err: error }, 'sweeping expired records failed'));
  }

  sessionStore(): SessionStore {
    return this.sessions;
  }

  /**
   * rate-limiter-flexible's SQLite limiter on our handle: libsql passes its better-sqlite3 check
   * as is. Its table comes from our migrations and our sweeper clears it, so the limiter runs no
   * timers of its own that could outlive close().
   */
  rateLimiter(options: RateLimiterOptions): RateLimiterAbstract {
    return new RateLimiterSQLite({
      storeClient: this.db,
      storeType: 'better-sqlite3',
      tableName: 'rate_limits',
      tableCreated: true,
      clearExpiredByTimeout: false,
      keyPrefix: options.keyPrefix,
      points: options.points,
      duration: options.durationSeconds,
      blockDuration: options.blockSeconds ?? 0,
    });
  }

  async ping(): Promise<void> {
    this.db.prepare('SELECT 1').get();
  }

  async close(): Promise<void> {
    this.stopSweeper();
    if (this.db.open) this.db.close();
  }
}
