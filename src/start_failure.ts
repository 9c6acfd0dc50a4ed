import { getSystemErrorMap } from 'node:util';
import { basename, dirname } from 'node:path';
import { redisWriteRefusal } from './store/redis/redis_readiness.js';
import { SqliteFileDamagedError } from './store/sqlite/damaged_file.js';
import { SqliteDiskError } from './store/sqlite/disk_failures.js';
import { SqliteFileLockedError } from './store/sqlite/lock_conflicts.js';
import { SHORT_LIVED_DATABASE_FILE } from './store/sqlite/short_lived_schema.js';
import { DatabaseNotSetUpError } from './store/sqlite/store_setup.js';
import { asStoreUnavailable, findInChain } from './store/store_unavailable.js';

/**
 * The line fitgate prints when it cannot start: what failed and, for the traps a first start or a
 * move to Redis runs into, what to do about it. Errors without a known remedy are printed as they are.
 */
export function describeStartFailure(error: unknown): string {
  const refusal = redisWriteRefusal(error);
  if (refusal) return `Redis at REDIS_URL is ${refusal}`;
  const message = asListenFailure(error) ?? (error instanceof Error ? error.message : String(error));
  const locked = findInChain(error, SqliteFileLockedError);
  if (locked) return describeLockedFile(message, locked);
  const damaged = findInChain(error, SqliteFileDamagedError);
  if (damaged) return describeDamagedFile(message, damaged);
  const disk = findInChain(error, SqliteDiskError);
  if (disk) return describeDiskFailure(message, disk);
  const { code, syscall } = (typeof error === 'object' && error !== null ? error : {}) as { code?: unknown; syscall?: unknown };
  // A cluster worker's listen fails in the primary's bind on its behalf: the same trap.
  const listening = syscall === 'listen' || syscall === 'bind';
  if (listening && code === 'EADDRINUSE') {
    return `${message}: another program (another fitgate?) is listening on that port; stop it, or set PORT to a free port`;
  }
  if (listening && code === 'EADDRNOTAVAIL') {
    return `${message}: no interface of this machine has that address; check FITGATE_HOST`;
  }
  if (listening && code === 'EACCES') {
    return `${message}: this user may not listen on ports below 1024; set PORT to a higher port (and put a proxy in front for 80 or 443)`;
  }
  return message;
}

/**
 * True when the start failed only because the store cannot answer now (down, unreachable, busy
 * loading, its file locked by another process): the same start may succeed later. False for what
 * waiting does not fix (a wrong password, a bad setting, a bug). A cluster worker whose data
 * directory vanished under the running ones (DatabaseNotSetUpError) counts too: the workers still
 * serving hold the deleted database open, its only copy until they stop, so a primary that gave up
 * on replacing the lost worker would take that copy with it.
 */
export function storeUnavailableAtStart(error: unknown): boolean {
  return (
    findInChain(error, SqliteFileLockedError) !== undefined ||
    findInChain(error, DatabaseNotSetUpError) !== undefined ||
    asStoreUnavailable(error) !== undefined
  );
}

/**
 * A cluster worker's listen is bound by the primary, whose error reads `bind EADDRINUSE null:3000`
 * (no address, no words for the code). Said as a single process's listen says it, the line is the
 * same with or without workers: without an address Node binds `::` (0.0.0.0 only on a host without
 * IPv6), which is what a single process reports.
 */
function asListenFailure(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const { syscall, code, errno, address, port } = error as { syscall?: unknown; code?: unknown; errno?: unknown; address?: unknown; port?: unknown };
  if (syscall !== 'bind' || address !== null || typeof errno !== 'number' || typeof port !== 'number') return undefined;
  const words = getSystemErrorMap().get(errno)?.[1];
  return words === undefined ? undefined : `listen ${String(code)}: ${words} :::${port}`;
}

/**
 * Who may hold the lock and what to do. Several processes may share the files (workers, a second
 * instance, `npm run admin`), so the holder is one that kept its transaction open far longer than a
 * write takes. When the start failed on a 503 (a write after opening), that error's words are
 * generic: the file's are said instead.
 */
function describeLockedFile(message: string, locked: SqliteFileLockedError): string {
  const what = message.includes(locked.message) ? message : `the embedded database's ${locked.message}`;
  return (
    `${what}: one that keeps a transaction open, such as another fitgate or \`npm run admin\` on the same ` +
    `FITGATE_DATA_DIR, a backup tool, or an sqlite3 shell; let it finish or stop it (\`fuser -v ${locked.path}\` names it), ` +
    'then start fitgate again'
  );
}

/**
 * Which file, that the disk is at fault, and what to do. Met while opening (a migration), the
 * message already names the file; met at a first start's first records, the 503's generic words are
 * replaced by the file's. Once space is freed, the next start completes what this one began.
 */
function describeDiskFailure(message: string, disk: SqliteDiskError): string {
  const what = message.includes(disk.message) ? message : `cannot write the embedded database in FITGATE_DATA_DIR (${dirname(disk.path)}): ${disk.message}`;
  const remedy = disk.full
    ? `free space on the disk holding ${dirname(disk.path)} (\`df -h ${dirname(disk.path)}\` shows it)`
    : 'check the disk holding it (the kernel log, `dmesg`, says what it reports)';
  return `${what}: ${remedy}, then start fitgate again`;
}

/**
 * Which file and what to do. Damage may be met while opening (the message then already says where)
 * or at the first read of a damaged page after it (said here the same way). fitgate.db is restored
 * from a backup with its -wal and -shm moved aside, since a stale WAL would be replayed over the
 * restored file; the short-lived file holds nothing that outlives a sign-in, so it is removed.
 */
function describeDamagedFile(message: string, damaged: SqliteFileDamagedError): string {
  const what = message !== damaged.message && message.includes(damaged.message)
    ? message
    : `cannot read the embedded database in FITGATE_DATA_DIR (${dirname(damaged.path)}): ${damaged.message}`;
  if (basename(damaged.path) === SHORT_LIVED_DATABASE_FILE) {
    return (
      `${what}: stop fitgate and delete ${damaged.path} with its -wal and -shm files; it holds only sessions, logins in flight ` +
      'and counters, and fitgate makes it anew (everyone signs in again)'
    );
  }
  return (
    `${what}: stop fitgate, move ${damaged.path} and its -wal and -shm files aside, and put your latest backup in its place ` +
    '(docs/operations.md#backup-and-restore)'
  );
}
