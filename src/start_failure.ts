import { redisWriteRefusal } from './store/redis/redis_readiness.js';
import { SqliteFileLockedError } from './store/sqlite/lock_conflicts.js';
import { causeChain } from './store/store_unavailable.js';

/**
 * The line fitgate prints when it cannot start: what failed and, for the traps a first start or a
 * move to Redis runs into, what to do about it. Errors without a known remedy are printed as they are.
 */
export function describeStartFailure(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const refusal = redisWriteRefusal(error);
  if (refusal) return `Redis at REDIS_URL is ${refusal}`;
  const locked = lockedFileOf(error);
  if (locked) return describeLockedFile(message, locked);
  const { code, syscall } = (typeof error === 'object' && error !== null ? error : {}) as { code?: unknown; syscall?: unknown };
  // A cluster worker's listen fails in the primary's bind on its behalf: the same trap.
  const listening = syscall === 'listen' || syscall === 'bind';
  if (listening && code === 'EADDRINUSE') {
    return `${message}: another program (another fitgate?) is listening on that port; stop it, or set PORT to a free port`;
  }
  if (listening && code === 'EACCES') {
    return `${message}: this user may not listen on ports below 1024; set PORT to a higher port (and put a proxy in front for 80 or 443)`;
  }
  return message;
}

/** The embedded store's file that another process kept locked past fitgate's wait, if that is what failed. */
function lockedFileOf(error: unknown): SqliteFileLockedError | undefined {
  for (const current of causeChain(error)) if (current instanceof SqliteFileLockedError) return current;
  return undefined;
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
