import { basename } from 'node:path';
import { StoreUnavailableError } from '../../errors/index.js';
import type { SqliteDatabase } from './database.js';

/** SQLite's primary result codes for a file it cannot write: SQLITE_IOERR (10) and SQLITE_FULL (13); extended codes keep them in the low byte. */
const IOERR = 10;
const FULL = 13;
const DISK_CODE_NAMES = /^SQLITE_(IOERR|FULL)(_|$)/;

/** What a client is told: no path, no driver words (those go to the log through the cause). */
const FULL_DESCRIPTION = 'fitgate cannot save anything right now: the disk holding its database is full. Try again in a few minutes.';
const FAILING_DESCRIPTION = 'fitgate cannot save anything right now: its database cannot be written. Try again in a few minutes.';

/** Whether `error` itself (not its causes) is SQLite's full disk or I/O error. */
export function isDiskFailure(error: unknown): error is Error {
  if (!(error instanceof Error)) return false;
  const { code, rawCode } = error as { code?: unknown; rawCode?: unknown };
  if (typeof code === 'string') return DISK_CODE_NAMES.test(code);
  return typeof rawCode === 'number' && [IOERR, FULL].includes(rawCode & 0xff);
}

function isFull(error: Error): boolean {
  const { code, rawCode } = error as { code?: unknown; rawCode?: unknown };
  return code === 'SQLITE_FULL' || (typeof rawCode === 'number' && (rawCode & 0xff) === FULL);
}

/**
 * One of the embedded store's files could not be written: the disk holding it is full, or reports
 * an I/O error. SQLite's own words ("database or disk is full") name no file; the message does, and
 * `path` is for the operator's remedy (start_failure.ts, readiness).
 */
export class SqliteDiskError extends Error {
  override readonly name = 'SqliteDiskError';
  readonly full: boolean;

  constructor(
    readonly path: string,
    options: { cause: Error },
  ) {
    const full = isFull(options.cause);
    const code = (options.cause as { code?: unknown }).code;
    super(
      full
        ? `${basename(path)} cannot be written: the disk holding it is full (${options.cause.message})`
        : `the disk holding ${basename(path)} reports an I/O error (${typeof code === 'string' ? `${code}: ` : ''}${options.cause.message})`,
      options,
    );
    this.full = full;
  }
}

/** The 503 (Retry-After) for a write the disk refused; the file and SQLite's error ride along as its cause, for the log. */
export function diskUnavailable(failure: SqliteDiskError): StoreUnavailableError {
  return new StoreUnavailableError({ cause: failure }, failure.full ? FULL_DESCRIPTION : FAILING_DESCRIPTION);
}

/** The same for SQLite's error met where no file is known (asStoreUnavailable). */
export function diskErrorUnavailable(error: Error): StoreUnavailableError {
  return new StoreUnavailableError({ cause: error }, isFull(error) ? FULL_DESCRIPTION : FAILING_DESCRIPTION);
}

/** `error` with the file named (SqliteDiskError) when it is a full disk or an I/O error; unchanged otherwise. */
export function namingDiskFailure(error: unknown, path: string): unknown {
  return isDiskFailure(error) ? new SqliteDiskError(path, { cause: error }) : error;
}

/**
 * The last write each connection could not make for a reason of its own rather than another
 * process's lock (a full disk, an I/O error, a statement of its own in the way), until readiness
 * sees a write go through again (write_probe.ts). Set on error paths only: a write that succeeds
 * does no bookkeeping, which is why readiness probes instead.
 */
const failures = new WeakMap<SqliteDatabase, Error>();

export function noteWriteFailure(db: SqliteDatabase, error: Error): void {
  failures.set(db, error);
}

export function writeFailureOf(db: SqliteDatabase): Error | undefined {
  return failures.get(db);
}

export function forgetWriteFailure(db: SqliteDatabase): void {
  failures.delete(db);
}
