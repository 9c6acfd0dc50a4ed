import type { SqliteDatabase } from './database.js';

/** Commits of one database connection since it was opened, for the benchmark's writes per login. */
export interface CommitCount {
  commits: number;
}

const WRITE = /^\s*(INSERT|UPDATE|DELETE|REPLACE)\b/i;

/**
 * Counts the write transactions this connection commits: each explicit COMMIT, and each write
 * statement run outside a transaction that changed a row (a statement that changes nothing writes
 * nothing to the WAL). On fitgate.db (synchronous=FULL) each one is an fsync of the WAL; checkpoints
 * add a few more, not counted. Wraps prepare() and exec() once; statements stay cached.
 */
export function countCommits(db: SqliteDatabase): CommitCount {
  const count: CommitCount = { commits: 0 };
  const wrapped = new WeakSet<object>();
  const prepare = db.prepare.bind(db);
  const exec = db.exec.bind(db);
  db.exec = ((sql: string) => {
    const result = exec(sql);
    if (/^\s*COMMIT\b/i.test(sql)) count.commits += 1;
    return result;
  }) as SqliteDatabase['exec'];
  db.prepare = ((sql: string) => {
    const statement = prepare(sql);
    if (!WRITE.test(sql) || wrapped.has(statement)) return statement;
    wrapped.add(statement);
    const { run, get, all } = statement;
    const counted = <A extends unknown[], R>(call: (...args: A) => R, changed: (result: R) => boolean) =>
      function (this: unknown, ...args: A): R {
        const autocommit = !db.inTransaction;
        const result = call.apply(this, args);
        if (autocommit && changed(result)) count.commits += 1;
        return result;
      };
    statement.run = counted(run, (result) => (result as { changes: number }).changes > 0);
    statement.get = counted(get, (row) => row !== undefined);
    statement.all = counted(all, (rows) => (rows as unknown[]).length > 0);
    return statement;
  }) as SqliteDatabase['prepare'];
  return count;
}
