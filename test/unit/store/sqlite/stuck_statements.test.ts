import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from '@jest/globals';
import Database from 'libsql';
import { StoreUnavailableError } from '../../../../src/errors/index.js';
import { cacheStatements, type SqliteDatabase } from '../../../../src/store/sqlite/database.js';
import { lockConflictOf } from '../../../../src/store/sqlite/lock_conflicts.js';
import { reportExecLocks, reportLocksOf } from '../../../../src/store/sqlite/locks_as_unavailable.js';
import { isStatementsInProgress, releaseStuckStatements } from '../../../../src/store/sqlite/stuck_statements.js';
import { rollBackOnlyOpenTransactions } from '../../../../src/store/sqlite/transactions.js';

const directories: string[] = [];
afterEach(() => {
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

/** A file in WAL mode opened as the store opens its files (cached, wrapped statements), and a second connection on it, as another process. */
function twoConnections(): { db: SqliteDatabase; other: SqliteDatabase } {
  const directory = mkdtempSync(join(tmpdir(), 'fitgate-stuck-'));
  directories.push(directory);
  const path = join(directory, 'file.db');
  const db = new Database(path) as SqliteDatabase;
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE t (k TEXT PRIMARY KEY, v INTEGER NOT NULL)');
  rollBackOnlyOpenTransactions(db);
  cacheStatements(db, (statement) => reportLocksOf(statement, path, db));
  reportExecLocks(db, path);
  db.pragma('busy_timeout = 0');
  return { db, other: new Database(path) as SqliteDatabase };
}

const upsert = (db: SqliteDatabase, k: string) => db.prepare('INSERT INTO t (k, v) VALUES (?, 1) ON CONFLICT (k) DO UPDATE SET v = v + 1').run(k);
/** Another statement than the one left behind: running that one again would end it. */
const inTransaction = (db: SqliteDatabase, k: string) =>
  db.transaction(() => db.prepare('INSERT OR REPLACE INTO t (k, v) VALUES (?, 1)').run(k)).immediate();
const rows = (db: SqliteDatabase) => db.prepare('SELECT k, v FROM t ORDER BY k').all();

/**
 * libsql leaves a cached statement that failed on another connection's lock "in progress", and
 * every COMMIT of its connection is then refused ("cannot commit transaction - SQL statements in
 * progress") until it runs again. The statement's error path notes it; releasing ends it, changing
 * nothing, once the lock can be had.
 */
describe('a statement left in progress by a lock', () => {
  it('blocks every COMMIT of its connection until released, which ends it without applying it', () => {
    const { db, other } = twoConnections();
    other.exec('BEGIN IMMEDIATE');
    expect(() => upsert(db, 'refused')).toThrow(StoreUnavailableError);
    other.exec('ROLLBACK');

    let refused: unknown;
    try {
      inTransaction(db, 'next');
    } catch (error) {
      refused = error;
    }
    expect(isStatementsInProgress(refused)).toBe(true);
    // Not another process's lock: nobody else holds one.
    expect(lockConflictOf(refused)).toBeUndefined();

    expect(releaseStuckStatements(db)).toBe(true);
    inTransaction(db, 'next');
    expect(rows(db)).toEqual([{ k: 'next', v: 1 }]);
    expect(releaseStuckStatements(db)).toBe(false);
    other.close();
  });

  it('stays noted while another process holds the lock, the lock error thrown, and is released once it lets go', () => {
    const { db, other } = twoConnections();
    other.exec('BEGIN IMMEDIATE');
    expect(() => upsert(db, 'refused')).toThrow(StoreUnavailableError);

    let held: unknown;
    try {
      releaseStuckStatements(db);
    } catch (error) {
      held = error;
    }
    expect(lockConflictOf(held)).toBeDefined();
    other.exec('ROLLBACK');

    expect(releaseStuckStatements(db)).toBe(true);
    inTransaction(db, 'next');
    expect(rows(db)).toEqual([{ k: 'next', v: 1 }]);
    other.close();
  });
});
