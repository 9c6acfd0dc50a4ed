import { describe, expect, it } from '@jest/globals';
import Database from 'libsql';
import type { SqliteDatabase } from '../../../../src/store/sqlite/database.js';
import { rollBackOnlyOpenTransactions } from '../../../../src/store/sqlite/transactions.js';

/** An in-memory database with transaction() replaced, a table, and every exec() it runs written down. */
function database(): { db: SqliteDatabase; execs: string[] } {
  const db = new Database(':memory:') as SqliteDatabase;
  db.exec('CREATE TABLE t (k TEXT PRIMARY KEY)');
  rollBackOnlyOpenTransactions(db);
  const execs: string[] = [];
  const exec = db.exec.bind(db);
  db.exec = ((sql: string) => {
    execs.push(sql);
    return exec(sql);
  }) as SqliteDatabase['exec'];
  return { db, execs };
}

const count = (db: SqliteDatabase) => (db.prepare('SELECT count(*) AS n FROM t').get() as { n: number }).n;

/**
 * libsql's transaction() rolls back after every failure, also when SQLite has already ended the
 * transaction (a full disk at COMMIT, an I/O error, INSERT OR ROLLBACK): its "cannot rollback - no
 * transaction is active" then replaced the error that said what happened. The replacement rolls
 * back only an open transaction and is otherwise libsql's, step for step.
 */
describe("the embedded store's transactions", () => {
  it('run BEGIN, the body and COMMIT and nothing else when they succeed, in every mode, with the arguments and the result', () => {
    const { db, execs } = database();
    const insert = db.transaction((k: string) => db.prepare('INSERT INTO t (k) VALUES (?)').run(k).changes);
    expect(insert('a')).toBe(1);
    expect(insert.immediate('b')).toBe(1);
    expect(insert.deferred('c')).toBe(1);
    expect(insert.exclusive('d')).toBe(1);
    expect(execs).toEqual(['BEGIN ', 'COMMIT', 'BEGIN IMMEDIATE', 'COMMIT', 'BEGIN DEFERRED', 'COMMIT', 'BEGIN EXCLUSIVE', 'COMMIT']);
    expect((insert.immediate as unknown as { database: unknown }).database).toBe(db);
    expect(count(db)).toBe(4);
  });

  it('roll back what the body did when it throws, and throw its error', () => {
    const { db, execs } = database();
    const failing = db.transaction(() => {
      db.prepare("INSERT INTO t (k) VALUES ('a')").run();
      throw new Error('the body gave up');
    });
    expect(() => failing.immediate()).toThrow('the body gave up');
    expect(execs).toEqual(['BEGIN IMMEDIATE', 'ROLLBACK']);
    expect(count(db)).toBe(0);
    expect(db.inTransaction).toBe(false);
  });

  it('throw the error that ended the transaction when SQLite already rolled it back, without a ROLLBACK of their own', () => {
    const { db, execs } = database();
    db.prepare("INSERT INTO t (k) VALUES ('a')").run();
    const ended = db.transaction(() => {
      db.prepare("INSERT INTO t (k) VALUES ('b')").run();
      // OR ROLLBACK: SQLite ends the whole transaction on the conflict, as it does on a full disk.
      db.prepare("INSERT OR ROLLBACK INTO t (k) VALUES ('a')").run();
    });
    let thrown: unknown;
    try {
      ended.immediate();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ code: 'SQLITE_CONSTRAINT_PRIMARYKEY', message: 'UNIQUE constraint failed: t.k' });
    expect(execs).toEqual(['BEGIN IMMEDIATE']);
    expect(count(db)).toBe(1);
    expect(db.inTransaction).toBe(false);
  });
});
