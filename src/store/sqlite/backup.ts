import { randomBytes } from 'node:crypto';
import { accessSync, closeSync, constants, copyFileSync, existsSync, fsyncSync, linkSync, openSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import Database from 'libsql';
import { DATABASE_FILE, OPEN_BUSY_TIMEOUT_MS, schemaVersion, type SqliteDatabase } from './database.js';
import { namingDamagedFile } from './damaged_file.js';
import { lockConflictOf } from './lock_conflicts.js';
import { holdsFitgateData } from './store_setup.js';

/** What a backup wrote, read back from the copy itself. */
export interface BackupReport {
  readonly source: string;
  readonly destination: string;
  readonly bytes: number;
  readonly schemaVersion: number;
  readonly counts: { readonly tenants: number; readonly clients: number; readonly connections: number; readonly users: number; readonly admins: number };
  /** The master key ids the copy's sealed values need (signing keys, client secrets, upstream tokens). */
  readonly keyIds: readonly string[];
  /** Pending set-password links removed from the copy (dropPendingTickets). */
  readonly ticketsLeftOut: number;
}

/** A backup not taken, for a reason the operator can act on (said in one line). */
export class BackupRefusedError extends Error {
  override readonly name = 'BackupRefusedError';
}

/**
 * Copies `<dataDir>/fitgate.db` to `destination`, consistently, while fitgate runs.
 *
 * A file copy (`cp fitgate.db`) misses every commit still in fitgate.db-wal, which in WAL mode is
 * most recent ones until a checkpoint; copying the WAL too races the writers. `VACUUM INTO` instead
 * reads one snapshot in a read transaction, WAL included, which never blocks fitgate's writers, and
 * writes it as a single self-contained file (no WAL of its own, header marks kept).
 *
 * It never overwrites: the copy is written beside the destination under a temporary name, checked
 * (it opens, SQLite's quick_check passes), fsynced (VACUUM INTO does not sync), and then linked to
 * the destination name, which fails if that name exists by then. So the destination is either
 * absent or a whole, checked copy, even if this process dies part-way. The copy is 0600: it holds
 * password hashes and sealed secrets. It holds no pending set-password link (dropPendingTickets).
 */
export function backupDatabase(dataDir: string, destination: string): BackupReport {
  const source = join(dataDir, DATABASE_FILE);
  const target = resolve(destination);
  if (!existsSync(source)) throw new BackupRefusedError(`there is no fitgate database in ${dataDir}: set FITGATE_DATA_DIR as for npm start`);
  if (isDirectory(target)) throw new BackupRefusedError(`${target} is a directory: give the name of a file to create in it, such as ${join(target, 'fitgate-backup.db')}`);
  if (existsSync(target)) throw new BackupRefusedError(alreadyThere(target));
  const directory = dirname(target);
  if (!isDirectory(directory)) throw new BackupRefusedError(`${directory} is not a directory: create it first, or choose another destination`);
  if (!isWritable(directory)) throw new BackupRefusedError(`${directory} is not writable by this process: choose another destination`);

  const partial = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.partial`);
  try {
    // Made empty and 0600 before VACUUM INTO writes into it: created by SQLite it would take the
    // umask's mode (0644), readable by others while it is written, and an open handle outlives a chmod.
    closeSync(openSync(partial, 'wx', 0o600));
    copySnapshot(source, partial);
    const ticketsLeftOut = dropPendingTickets(partial);
    const report = { ...readCopy(source, partial, target), ticketsLeftOut };
    syncFile(partial);
    publish(partial, target);
    syncDirectory(directory);
    return report;
  } finally {
    for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(partial + suffix, { force: true });
  }
}

function copySnapshot(source: string, partial: string): void {
  // Not openDatabase(): a backup must not migrate the file under a running fitgate of another version.
  const db = new Database(source);
  try {
    db.pragma(`busy_timeout = ${OPEN_BUSY_TIMEOUT_MS}`);
    if (schemaVersion(db) === 0 || !holdsFitgateData(db)) throw new BackupRefusedError(`${source} holds no fitgate data: there is nothing to back up`);
    db.prepare('VACUUM INTO ?').run(partial);
  } catch (error) {
    if (error instanceof BackupRefusedError) throw error;
    throw refusal(source, error);
  } finally {
    db.close();
  }
}

/**
 * Removes the pending set-password links from the copy, before it is checked: each sets the password
 * of an admin who has none yet, so a backup carrying them would be an admin account for whoever reads
 * it, master key or not, and a restore would bring back links since replaced or used. Their keys are
 * hashes, but their records name the admin. secure_delete zeroes the freed space rather than leaving
 * the rows readable in it. After a restore, such an admin gets a new link (Admins, or reset-password).
 */
function dropPendingTickets(partial: string): number {
  const copy = new Database(partial);
  try {
    if (copy.prepare("SELECT 1 AS found FROM sqlite_master WHERE type = 'table' AND name = 'ephemeral'").get() === undefined) return 0;
    copy.pragma('secure_delete = ON');
    return copy.prepare("DELETE FROM ephemeral WHERE kind = 'ticket'").run().changes;
  } finally {
    copy.close();
  }
}

/** Reads the copy back: proof that it opens and is whole, and what to tell the operator it holds. */
function readCopy(source: string, partial: string, target: string): Omit<BackupReport, 'ticketsLeftOut'> {
  const copy = new Database(partial);
  try {
    const [check] = copy.pragma('quick_check') as Array<{ quick_check: string }>;
    if (check?.quick_check !== 'ok') throw new BackupRefusedError(`the copy of ${source} does not pass SQLite's quick_check (${check?.quick_check ?? 'no answer'}); nothing was written to ${target}`);
    return {
      source,
      destination: target,
      bytes: statSync(partial).size,
      schemaVersion: schemaVersion(copy),
      counts: {
        tenants: count(copy, 'tenants'),
        clients: count(copy, 'clients'),
        connections: count(copy, 'connections'),
        users: count(copy, 'users'),
        admins: count(copy, 'admins'),
      },
      keyIds: keyIdsIn(copy),
    };
  } finally {
    copy.close();
  }
}

function count(db: SqliteDatabase, table: string): number {
  return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}

/** A file from before fitgate counted sealed values per key has no table to say. */
function keyIdsIn(db: SqliteDatabase): string[] {
  const counted = db.prepare("SELECT 1 AS found FROM sqlite_master WHERE type = 'table' AND name = 'sealed_key_counts'").get();
  if (counted === undefined) return [];
  return (db.prepare('SELECT key_id FROM sealed_key_counts WHERE count > 0 ORDER BY key_id').all() as Array<{ key_id: string }>).map((row) => row.key_id);
}

/** Gives the checked copy its name, refusing a name taken meanwhile (link, unlike rename, never replaces). */
function publish(partial: string, target: string): void {
  try {
    linkSync(partial, target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new BackupRefusedError(alreadyThere(target));
    // A file system without hard links: an exclusive copy refuses a taken name just the same.
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw error;
    try {
      copyFileSync(partial, target, constants.COPYFILE_EXCL);
    } catch (copyError) {
      if ((copyError as NodeJS.ErrnoException).code === 'EEXIST') throw new BackupRefusedError(alreadyThere(target));
      throw copyError;
    }
    syncFile(target);
  }
}

function alreadyThere(target: string): string {
  return `${target} already exists; a backup never overwrites a file: choose a new name, or move that file away first`;
}

function refusal(source: string, error: unknown): Error {
  if (lockConflictOf(error)) {
    return new BackupRefusedError(
      `${source} stayed locked for ${OPEN_BUSY_TIMEOUT_MS / 1000} s by a process that keeps it from being read (another backup, or a recovery in progress?); try again`,
    );
  }
  const named = namingDamagedFile(error, source);
  if (named !== error) return new BackupRefusedError(`${(named as Error).message}: it cannot be backed up; restore the latest good backup instead (docs/operations.md#backup-and-restore)`);
  return error instanceof Error ? error : new Error(String(error));
}

function isDirectory(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
}

function isWritable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

function syncFile(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Makes the new name itself durable. Some platforms cannot fsync a directory; the copy is synced regardless. */
function syncDirectory(path: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    fsyncSync(fd);
  } catch {
    // Best effort: see above.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
