import type { Store as SessionStore } from 'express-session';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import type { HitLimiter } from './rate_limit_batches.js';
import type {
  AdminRepository,
  ClientRepository,
  ConnectionRepository,
  CounterStore,
  EphemeralStore,
  LockStore,
  LogRepository,
  TenantRepository,
  UserRepository,
} from '../domain/ports.js';
import type { SealedRecordStore } from '../domain/sealed_record_store.js';

export interface RateLimiterOptions {
  /** Distinguishes limiters sharing the store, e.g. "admin_login". */
  keyPrefix: string;
  points: number;
  durationSeconds: number;
  /** Seconds to block once points are spent (0: until the window ends). */
  blockSeconds?: number;
}

/**
 * Everything fitgate keeps, behind one interface with two adapters: embedded SQLite (no Redis) and
 * Redis (REDIS_URL). Open one with openStore() in ./open_store.ts.
 */
export interface Store {
  readonly kind: 'sqlite' | 'redis';
  readonly tenants: TenantRepository;
  readonly clients: ClientRepository;
  readonly connections: ConnectionRepository;
  readonly users: UserRepository;
  readonly admins: AdminRepository;
  readonly logs: LogRepository;
  readonly ephemeral: EphemeralStore;
  readonly locks: LockStore;
  readonly counters: CounterStore;
  /** Sealed values per master key id, and the re-seal's walk (master key rotation). */
  readonly sealedRecords: SealedRecordStore;
  /** The express-session store on the same database (connect-redis on Redis). */
  sessionStore(): SessionStore;
  /** A rate-limiter-flexible limiter on the same database: every hit a write, exact across processes. */
  rateLimiter(options: RateLimiterOptions): RateLimiterAbstract;
  /**
   * A limiter for request floods: counted in process and added to the store in batches
   * (rate_limit_batches.ts), exact within a process and within one batch interval across them.
   */
  batchedRateLimiter(options: Omit<RateLimiterOptions, 'blockSeconds'>): HitLimiter;
  /** Resolves when the database answers; rejects otherwise (drives /health/ready without readiness()). */
  ping(): Promise<void>;
  /**
   * Records that this database holds fitgate's data from now on, at every start before anything is
   * created (bootstrap); kept when already there. With it Redis's readiness tells a store that lost
   * its data (emptied, failed over) from a new one, and the embedded store's next start tells an
   * emptied fitgate.db from a first start (sqlite/store_setup.ts).
   */
  markInitialised?(): Promise<void>;
  /**
   * For /health/ready, instead of ping(): undefined when the database answers and can serve; a
   * short problem in an operator's words when it answers but cannot (Redis lost fitgate's data, or
   * is full; a file of the embedded store locked by another process); rejects when it does not answer.
   */
  readiness?(): Promise<string | undefined>;
  /**
   * The part of readiness that only this process can tell: files it failed to write lately for a
   * reason of its own (a full disk, an I/O error), probed with a real write only then, in readiness's
   * words; undefined when none or when each can be written again. Each worker answers the primary's
   * readiness ping with it, so a failure one worker met is seen whichever worker is probed.
   */
  unwritable?(): string | undefined;
  /**
   * Whether the store lost fitgate's data while this process ran: readiness's words for it (on
   * Redis, the store marker gone: restarted empty, flushed), undefined while the data is there;
   * rejects when it does not answer. Asked only when a request finds no tenant, so that an emptied
   * store is answered 503 with its cause rather than 404 "no tenant" everywhere. Absent on the
   * embedded store: a deleted fitgate.db stays open, and served, until the process stops.
   */
  lostData?(): Promise<string | undefined>;
  /** What /health/ready adds about the store beyond "answers" (e.g. Redis's eviction and persistence settings). */
  health?(): Record<string, unknown> | undefined;
  /** Stops background work and closes connections. */
  close(): Promise<void>;
}
