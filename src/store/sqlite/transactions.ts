import type { SqliteDatabase } from './database.js';

type Body = (...params: unknown[]) => unknown;

/**
 * Replaces the connection's transaction() with libsql's own but for one thing: after a failure it
 * rolls back only a transaction that is still open. SQLite ends the transaction itself on some
 * errors (a full disk or an I/O error at COMMIT or while a statement grows the file, INSERT OR
 * ROLLBACK), and libsql's ROLLBACK then fails with "cannot rollback - no transaction is active",
 * which replaces the error that says what happened: the log, a start failure and the answer to the
 * request would show that instead of "database or disk is full". The path that succeeds is
 * libsql's, step for step: BEGIN, the body, COMMIT.
 */
export function rollBackOnlyOpenTransactions(db: SqliteDatabase): void {
  db.transaction = ((body: Body) => {
    if (typeof body !== 'function') throw new TypeError('Expected first argument to be a function');
    const inMode = (mode: string) => (...params: unknown[]) => {
      db.exec(`BEGIN ${mode}`);
      try {
        const result = body(...params);
        db.exec('COMMIT');
        return result;
      } catch (error) {
        if (db.inTransaction) db.exec('ROLLBACK');
        throw error;
      }
    };
    const modes = {
      default: { value: inMode('') },
      deferred: { value: inMode('DEFERRED') },
      immediate: { value: inMode('IMMEDIATE') },
      exclusive: { value: inMode('EXCLUSIVE') },
      database: { value: db, enumerable: true },
    };
    for (const { value } of [modes.default, modes.deferred, modes.immediate, modes.exclusive]) Object.defineProperties(value, modes);
    return modes.default.value;
  }) as SqliteDatabase['transaction'];
}
