import { basename, dirname } from 'node:path';
import { findInChain } from '../store_unavailable.js';
import type { SqliteDatabase } from './database.js';
import { forgetWriteFailure, isDiskFailure, SqliteDiskError, writeFailureOf } from './disk_failures.js';
import { lockConflictOf } from './lock_conflicts.js';

/** One of the store's files as readiness checks it: its connection and where it is. */
export interface WrittenFile {
  readonly db: SqliteDatabase;
  readonly path: string;
}

/** Bytes of the probe's row: one page of the default size, so that it needs a page the file does not have to spare. */
const PROBE_BYTES = 4096;

/**
 * What /health/ready says about files that could not be written lately for a reason of their own (a
 * full disk, an I/O error: disk_failures.ts), or undefined when none or when each can be written
 * again. A write that succeeds leaves no mark (no work on that path), so a file with a failure
 * noted is probed with a real write: a row of one page of zeros put and deleted in one IMMEDIATE
 * transaction that commits, which grows the file and its WAL as a login's writes would. Only then:
 * a healthy file costs readiness nothing. A probe that goes through clears the failure.
 */
export function unwritableFiles(files: readonly WrittenFile[]): string | undefined {
  for (const { db, path } of files) {
    if (writeFailureOf(db) === undefined) continue;
    const failure = probeWrite(db);
    if (failure === undefined) {
      forgetWriteFailure(db);
      continue;
    }
    // Another process's commit in the way: this probe tells nothing, and a lock held for long is said by lockedFiles.
    if (lockConflictOf(failure) !== undefined) continue;
    return unwritableWords(path, failure);
  }
  return undefined;
}

function probeWrite(db: SqliteDatabase): unknown {
  try {
    db.transaction(() => {
      db.prepare("INSERT OR REPLACE INTO ephemeral (kind, key, value, expires_at) VALUES ('readiness_probe', 'probe', zeroblob(?), 0)").run(PROBE_BYTES);
      db.prepare("DELETE FROM ephemeral WHERE kind = 'readiness_probe' AND key = 'probe'").run();
    }).immediate();
    return undefined;
  } catch (error) {
    return error;
  }
}

function unwritableWords(path: string, failure: unknown): string {
  const where = `FITGATE_DATA_DIR (${dirname(path)})`;
  const disk = findInChain(failure, SqliteDiskError) ?? (isDiskFailure(failure) ? new SqliteDiskError(path, { cause: failure }) : undefined);
  if (disk?.full) {
    return `full: the disk holding ${where} is full, so ${basename(path)} cannot be written (${(disk.cause as Error).message}); writes are answered 503 until space is freed there`;
  }
  if (disk) return `failing: ${disk.message} in ${where}; writes are answered 503; the kernel log (dmesg) says what the disk reports`;
  const message = failure instanceof Error ? failure.message : String(failure);
  return `failing: ${basename(path)} in ${where} cannot be written (${message}); writes fail`;
}
