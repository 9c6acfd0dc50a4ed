import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'libsql';
import { afterAll, describe, expect, it } from '@jest/globals';
import { GroupCommit } from '../../../src/store/sqlite/group_commit.js';

/** A WAL sync the test finishes by hand. */
class HeldSync {
  readonly calls: Array<{ resolve: () => void; reject: (error: Error) => void }> = [];
  sync(): Promise<void> {
    return new Promise((resolve, reject) => this.calls.push({ resolve, reject }));
  }
}

const turns = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe("the group commit's acknowledgement after the WAL sync", () => {
  const dir = mkdtempSync(join(tmpdir(), 'fitgate-group-sync-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const open = (name: string): Database.Database => {
    const db = new Database(join(dir, name));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec('CREATE TABLE t (k TEXT PRIMARY KEY)');
    return db;
  };
  const synchronous = (db: Database.Database): unknown => (db.pragma('synchronous') as Array<{ synchronous: number }>)[0]?.synchronous;

  it('commits the group without syncing on the event loop, and tells its callers only once the WAL is synced', async () => {
    const db = open('held.db');
    const wal = new HeldSync();
    const group = new GroupCommit(db, wal);
    let acknowledged = 0;
    const settingInTransaction: unknown[] = [];
    const insert = (k: string) => () => {
      settingInTransaction.push(synchronous(db));
      return db.prepare('INSERT INTO t (k) VALUES (?)').run(k);
    };
    const writes = ['a', 'b'].map((k) => group.run(insert(k)).then(() => (acknowledged += 1)));
    await turns();

    expect(group.commits).toBe(1);
    expect(wal.calls).toHaveLength(1);
    expect(settingInTransaction).toEqual([1, 1]); // NORMAL: COMMIT wrote the WAL and did not fsync it
    expect(db.prepare('SELECT COUNT(*) AS n FROM t').get()).toMatchObject({ n: 2 }); // committed...
    await turns();
    expect(acknowledged).toBe(0); // ...and not acknowledged before its sync
    expect(synchronous(db)).toBe(2); // the connection is back at FULL for every other write

    wal.calls[0]!.resolve();
    await Promise.all(writes);
    expect(acknowledged).toBe(2);
    db.close();
  });

  it('fails every unit of a group whose sync fails, even the ones that ran', async () => {
    const db = open('failed.db');
    const wal = new HeldSync();
    const group = new GroupCommit(db, wal);
    const writes = ['a', 'b'].map((k) => group.run(() => db.prepare('INSERT INTO t (k) VALUES (?)').run(k)));
    await turns();
    wal.calls[0]!.reject(new Error('EIO: i/o error, fdatasync'));

    const outcomes = await Promise.allSettled(writes);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
    expect(String((outcomes[0] as PromiseRejectedResult).reason)).toMatch(/EIO/);
    db.close();
  });

  it('asks for no sync when the group could not commit', async () => {
    const db = open('locked.db');
    const other = new Database(join(dir, 'locked.db'));
    other.pragma('busy_timeout = 0');
    db.pragma('busy_timeout = 0');
    other.exec('BEGIN IMMEDIATE');
    const wal = new HeldSync();
    const group = new GroupCommit(db, wal);
    const outcome = await Promise.allSettled([group.run(() => db.prepare('INSERT INTO t (k) VALUES (?)').run('x'))]);
    expect(outcome[0]?.status).toBe('rejected');
    expect(wal.calls).toHaveLength(0);
    expect(synchronous(db)).toBe(2);
    other.exec('ROLLBACK');
    other.close();
    db.close();
  });
});
