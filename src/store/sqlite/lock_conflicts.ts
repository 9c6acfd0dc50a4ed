import { basename } from 'node:path';
import { StoreUnavailableError } from '../../errors/index.js';
import { causeChain } from '../store_unavailable.js';

/** SQLite's primary result codes for a lock: SQLITE_BUSY (another connection holds it) and SQLITE_LOCKED. */
const LOCK_RESULT_CODES: ReadonlySet<number> = new Set([5, 6]);
/** The same as libsql names them, extended codes included (SQLITE_BUSY_SNAPSHOT, SQLITE_LOCKED_SHAREDCACHE, ...). */
const LOCK_CODE_NAMES = /^SQLITE_(BUSY|LOCKED)(_|$)/;

/**
 * SQLITE_BUSY that no other connection caused: a COMMIT refused while a statement of the same
 * connection is still in progress (stuck_statements.ts). Taken for another process's lock, it
 * would be waited for, answered "locked by another process", and never end.
 */
export const OWN_STATEMENT_IN_PROGRESS = 'SQL statements in progress';

/**
 * The SQLite error under `error` (through `cause`) that says a lock was held elsewhere, or
 * undefined. libsql throws a SqliteError whose `code` names it and whose `rawCode` is SQLite's
 * number (an extended code keeps the primary one in its low byte).
 */
export function lockConflictOf(error: unknown): Error | undefined {
  for (const current of causeChain(error)) {
    const { code, rawCode } = current as { code?: unknown; rawCode?: unknown };
    if (current.message.includes(OWN_STATEMENT_IN_PROGRESS)) return undefined;
    if (typeof code === 'string' && LOCK_CODE_NAMES.test(code)) return current;
    if (typeof rawCode === 'number' && LOCK_RESULT_CODES.has(rawCode & 0xff)) return current;
  }
  return undefined;
}

/**
 * One of the embedded store's files stayed locked by another process for as long as fitgate would
 * wait. The message names the file; `path` is for the operator's remedy (start_failure.ts).
 */
export class SqliteFileLockedError extends Error {
  override readonly name = 'SqliteFileLockedError';

  constructor(
    readonly path: string,
    detail: string,
    options: { cause: unknown },
  ) {
    super(`${basename(path)} is locked by another process (${detail})`, options);
  }
}

/** The StoreUnavailableError a caller gets for a write that could not have the file's lock. */
export function lockedFileUnavailable(path: string, detail: string, conflict: unknown): StoreUnavailableError {
  return new StoreUnavailableError({ cause: new SqliteFileLockedError(path, detail, { cause: conflict }) });
}
