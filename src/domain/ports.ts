import type { AdminAccount, Client, Connection, LogEvent, Page, PageRequest, Tenant, User } from './types.js';
import type { UserSearch } from './user_search.js';

/**
 * What the domain needs from storage. The store implements these (embedded SQLite and Redis); the
 * same contract suite (test/integration/store/) runs against both. Every method says what it
 * returns when the record is missing. Writes are atomic: a crash leaves the old or the new record,
 * never a mix. Records are never changed in place: users, admins and logs are returned as copies,
 * and tenants, clients and connections, which every request reads, as frozen instances the process
 * shares (store/cache/record_cache.ts). A change is a new record ({ ...record, field }) saved with
 * update.
 */

/**
 * Whether a read may be answered, while the store cannot be reached, with the process's copy of the
 * record as last read (store/cache/record_cache.ts): 'refused' when not given. A process cut off alone
 * may miss a change made meanwhile through another one (a rotated secret, a removed callback), so only
 * reads that serve public metadata or point back to the application opt in: tenant resolution (for
 * discovery and the JWKS) and /authorize's store-down redirect. Authenticating a client never does.
 */
export interface OutageRead {
  readonly stale: 'allowed' | 'refused';
}

export interface TenantRepository {
  /** Undefined when no tenant has that name. May answer from the process's cache (store/cache/record_cache.ts). */
  get(name: string, read?: OutageRead): Promise<Tenant | undefined>;
  /** The tenant as stored now, never from a cache: what a change is computed from. Undefined when missing. */
  getStored(name: string): Promise<Tenant | undefined>;
  /** Undefined when no tenant lists that host in `domains`. */
  findByDomain(host: string, read?: OutageRead): Promise<Tenant | undefined>;
  /** Throws AlreadyExistsError when the name is taken. */
  create(tenant: Tenant): Promise<void>;
  /**
   * Replaces the record and returns it as stored (its revision moved on). Throws
   * NotFoundInStoreError when it does not exist, and StaleRecordError when the stored revision is
   * not the one `tenant` carries: another write came between the read `tenant` was made from and
   * this one. Read-modify-write callers go through domain/tenant_updates.ts, which reads again.
   */
  update(tenant: Tenant): Promise<Tenant>;
  list(): Promise<Tenant[]>;
}

export interface ClientRepository {
  /** Undefined when missing. May answer from the process's cache (store/cache/record_cache.ts). */
  get(tenant: string, clientId: string, read?: OutageRead): Promise<Client | undefined>;
  /**
   * The client as stored now, never from a cache: what a change is computed from. Undefined when
   * missing.
   */
  getStored(tenant: string, clientId: string): Promise<Client | undefined>;
  /** Throws AlreadyExistsError when the client id is taken in that tenant. */
  create(client: Client): Promise<void>;
  /**
   * Replaces the record and returns it as stored (its revision moved on). Throws
   * NotFoundInStoreError when missing, and StaleRecordError when the stored revision is not the one
   * `client` carries: another write (from any process) came between the read `client` was made
   * from and this one. Read-modify-write callers go through domain/client_updates.ts, which reads
   * again and retries.
   */
  update(client: Client): Promise<Client>;
  /** False when there was nothing to delete. */
  delete(tenant: string, clientId: string): Promise<boolean>;
  /** Ordered by creation, oldest first. */
  list(tenant: string, page: PageRequest): Promise<Page<Client>>;
}

export interface ConnectionRepository {
  get(tenant: string, id: string): Promise<Connection | undefined>;
  getByName(tenant: string, name: string): Promise<Connection | undefined>;
  /**
   * The connection as stored now, never from a cache: what a change is computed from. Undefined
   * when missing.
   */
  getStored(tenant: string, id: string): Promise<Connection | undefined>;
  /** Throws AlreadyExistsError when the id or the name is taken in that tenant. */
  create(connection: Connection): Promise<void>;
  /**
   * Replaces the record and returns it as stored (its revision moved on). Throws
   * NotFoundInStoreError when missing, AlreadyExistsError when the new name is taken, and
   * StaleRecordError when the stored revision is not the one `connection` carries: another write
   * (from any process) came between the read `connection` was made from and this one.
   * Read-modify-write callers go through domain/connection_updates.ts, which reads again and retries.
   */
  update(connection: Connection): Promise<Connection>;
  delete(tenant: string, id: string): Promise<boolean>;
  list(tenant: string): Promise<Connection[]>;
}

export interface UserListQuery extends PageRequest {
  /**
   * Case-insensitive *prefix* of the email, the name or the user id (a substring scan cannot stay
   * fast with a million users; a prefix is an index range). Matches come in match order (matched
   * text, then user id), each user once, and a search sees at most the first 1000 matches, like
   * Auth0's user search. Blank means no search.
   */
  q?: string;
  /**
   * A structured search (src/domain/user_search.ts), answered from the field indexes: each group is
   * found through its most selective clause and every candidate is checked against the whole search
   * on its record. Results come in index order, each user once, at most the first 1000 matches.
   * Takes precedence over `q`.
   */
  search?: UserSearch;
}

export interface UserRepository {
  get(tenant: string, userId: string): Promise<User | undefined>;
  /**
   * The user owning an identity of that connection whose upstream id (or legacy id) equals
   * `upstreamUserId`. Undefined when none does.
   */
  findByIdentity(tenant: string, connection: string, upstreamUserId: string): Promise<User | undefined>;
  /** Throws AlreadyExistsError when the user id, or one of its identities, is taken. */
  create(user: User): Promise<void>;
  /**
   * Replaces the record and its identity index, and returns it as stored (its revision moved on).
   * Throws NotFoundInStoreError when missing, and StaleRecordError when the stored revision is not
   * the one `user` carries: another write came between the read `user` was made from and this one.
   * Read-modify-write callers go through domain/user_updates.ts, which reads again and retries.
   */
  update(user: User): Promise<User>;
  delete(tenant: string, userId: string): Promise<boolean>;
  /** Newest first (ties by user id, descending), unless `q` searches. Must stay fast with a million users in a tenant. */
  list(tenant: string, query: UserListQuery): Promise<Page<User>>;
  count(tenant: string): Promise<number>;
}

export interface AdminRepository {
  /** By email, case-insensitive. */
  get(email: string): Promise<AdminAccount | undefined>;
  /** Throws AlreadyExistsError when the email is taken, whatever its case. */
  create(admin: AdminAccount): Promise<void>;
  /**
   * Replaces the record and its tenant index, and returns it as stored (its revision moved on).
   * Throws NotFoundInStoreError when missing, and StaleRecordError when the stored revision is not
   * the one `admin` carries. Callers go through domain/admin_updates.ts, which reads again and retries.
   */
  update(admin: AdminAccount, options?: AdminWriteOptions): Promise<AdminAccount>;
  /** Deletes the account and its tenant index; throws as update does, `admin` being the record as read. */
  delete(admin: AdminAccount, options?: AdminWriteOptions): Promise<void>;
  /** The admins of one tenant. */
  listByTenant(tenant: string): Promise<AdminAccount[]>;
  /** How many admin accounts exist at all (bootstrap creates the first). */
  count(): Promise<number>;
}

export interface AdminWriteOptions {
  /**
   * Refuse (LastAdminError) a write that takes a tenant off the account while no other admin has
   * it. Checked by the store in the write itself: two admins removing each other at once cannot
   * both pass a check made before either wrote.
   */
  keepLastAdmin?: boolean;
}

export interface LogQuery extends PageRequest {
  type?: string;
  userId?: string;
  /** Oldest first (Auth0's sort=date:1) instead of newest first; the same index, read the other way. */
  oldestFirst?: boolean;
}

/** Checkpoint paging, what log exporters use: the events after `from`, oldest first. */
export interface LogCheckpoint {
  /** A log_id; the answer starts after it (it need not still exist). */
  from: string;
  take: number;
}

export interface LogRepository {
  /**
   * Stores the event unless one with its id is already stored: the first stays. Ids carry their
   * time and 64 random bits (newLogEventId), so a second event with an id is a retry of the first,
   * and checking before every append would cost a store round trip per event for nothing.
   */
  append(event: LogEvent): Promise<void>;
  get(tenant: string, id: string): Promise<LogEvent | undefined>;
  /** Newest first, or oldest first with query.oldestFirst (events of one date in the reverse order). */
  list(tenant: string, query: LogQuery): Promise<Page<LogEvent>>;
  /**
   * Up to `take` events whose log_id sorts after `from`, in log_id order (log ids start with their
   * time, so this is oldest first). Empty when there are none yet: an exporter asks again later.
   */
  listAfter(tenant: string, checkpoint: LogCheckpoint): Promise<LogEvent[]>;
  /**
   * Deletes the events dated before `before` of every tenant in the store (retention), with their
   * index entries; resolves with how many were deleted. Safe to run from several processes at once.
   */
  deleteOlderThan(before: Date): Promise<number>;
}

/** Kinds of short-lived record; each has its own key prefix. */
export type EphemeralKind =
  | 'login_transaction'
  | 'authorization_code'
  | 'refresh_token'
  | 'ticket'
  | 'grant'
  /** A dashboard TRY in flight, under the upstream state it sent (src/dashboard/try/try_transaction.ts). */
  | 'try_transaction'
  /** A TRY's state once used, so a second callback with it still lands on TRY's own page. */
  | 'try_used_state'
  /** A finished TRY's report, for the admin who started it (src/dashboard/try/try_report.ts). */
  | 'try_report'
  /** Where a dashboard create form's first post led, for the same form sent again (src/dashboard/form_once.ts). */
  | 'form_outcome'
  /**
   * When an upstream rate-limited an identity (upstream_backoff.ts) or a connection's whole client
   * (client_rate_limit_pause.ts), or refused a connection's client credentials
   * (client_refused_pause.ts): no upstream call for it until the record expires.
   */
  | 'upstream_backoff'
  /** Where an interrupted master key re-seal resumes (src/domain/reseal.ts). */
  | 'reseal_progress';

/** What a consume leaves in the place of what it took (EphemeralStore.consume). */
export interface LeftBehind {
  /**
   * The kind it goes under; absent: the taken record's. Its records must live where the taken
   * record's do (the embedded store refuses a kind of another durability class, short_lived_schema.ts).
   */
  kind?: EphemeralKind;
  key: string;
  value: unknown;
  ttlSeconds: number;
}

/**
 * Short-lived records with a TTL. Expired records are invisible to every read even before the
 * background sweep removes them.
 */
export interface EphemeralStore {
  /** Creates or replaces. */
  put<T>(kind: EphemeralKind, key: string, value: T, ttlSeconds: number): Promise<void>;
  /** Undefined when missing or expired. */
  get<T>(kind: EphemeralKind, key: string): Promise<T | undefined>;
  /**
   * Reads and deletes in one atomic step: of two concurrent callers exactly one gets the value, the
   * other undefined. With `leave`, the same step puts `leave.value` under `leave.key` (of
   * `leave.kind`, else the same kind) when there was a value to take: a single-use record that must
   * be remembered as used.
   */
  consume<T>(kind: EphemeralKind, key: string, leave?: LeftBehind): Promise<T | undefined>;
  /** False when there was nothing to delete. */
  delete(kind: EphemeralKind, key: string): Promise<boolean>;
}

/** Mutual exclusion across every process sharing the store, with expiry so a crash frees it. */
export interface LockStore {
  /** A token proving ownership, or undefined when someone else holds the lock. */
  tryAcquire(name: string, ttlMs: number): Promise<string | undefined>;
  /** Releases only when `token` still owns the lock; false otherwise. */
  release(name: string, token: string): Promise<boolean>;
}

/** Fixed-window counters for rate limits. */
export interface CounterStore {
  /** Adds one and returns the count in the current window and the epoch ms at which it resets. */
  hit(key: string, windowSeconds: number): Promise<{ count: number; resetAt: number }>;
  reset(key: string): Promise<void>;
}

export class AlreadyExistsError extends Error {
  constructor(what: string) {
    super(`${what} already exists`);
    this.name = 'AlreadyExistsError';
  }
}

/** The record changed since the read an update was computed from (see UserRepository.update, AdminRepository.update, ClientRepository.update). */
export class StaleRecordError extends Error {
  constructor(what: string) {
    super(`${what} changed since it was read`);
    this.name = 'StaleRecordError';
  }
}

/** A write refused by AdminWriteOptions.keepLastAdmin: it would have left `tenants` with no admin. Nothing was written. */
export class LastAdminError extends Error {
  constructor(
    readonly email: string,
    readonly tenants: readonly string[],
  ) {
    super(`admin ${email} is the last admin of ${tenants.join(', ')}`);
    this.name = 'LastAdminError';
  }
}

export class NotFoundInStoreError extends Error {
  constructor(what: string) {
    super(`${what} does not exist`);
    this.name = 'NotFoundInStoreError';
  }
}

/** Seals secrets at rest (AES-256-GCM under the master key; implemented in src/store/sealing.ts). */
export interface Sealer {
  seal(plaintext: string): import('./types.js').Sealed;
  /** Throws when the value was tampered with or sealed under a key that is no longer configured. */
  open(sealed: import('./types.js').Sealed): string;
}
