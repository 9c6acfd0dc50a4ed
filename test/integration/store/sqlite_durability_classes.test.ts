import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'libsql';
import type { SessionData } from 'express-session';
import { afterAll, describe, expect, it } from '@jest/globals';
import { DATABASE_FILE, migrate, type SqliteDatabase } from '../../../src/store/sqlite/database.js';
import { MIGRATIONS } from '../../../src/store/sqlite/migrations.js';
import { SHORT_LIVED_TABLES_MOVED_MIGRATION } from '../../../src/store/sqlite/short_lived_schema.js';
import { SqliteStore } from '../../../src/store/sqlite/sqlite_store.js';
import { uniqueId } from './records.js';

const tablesOf = (db: SqliteDatabase): string[] =>
  (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").all() as Array<{ name: string }>).map((row) => row.name);
const kindsIn = (db: SqliteDatabase): string[] =>
  (db.prepare('SELECT kind FROM ephemeral ORDER BY kind').all() as Array<{ kind: string }>).map((row) => row.kind);
const sessionOf = (store: SqliteStore, sid: string): Promise<SessionData | null | undefined> =>
  new Promise((resolve, reject) => store.sessionStore().get(sid, (error, data) => (error ? reject(error) : resolve(data))));

describe('embedded store durability classes', () => {
  const dirs: string[] = [];
  const freshDir = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'fitgate-classes-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('fsyncs records of record at every commit and keeps short-lived ones in their own unsynced file', async () => {
    const store = SqliteStore.open(freshDir());
    try {
      expect(store.db.pragma('synchronous')).toEqual([expect.objectContaining({ synchronous: 2 })]); // FULL
      expect(store.shortLivedDb.pragma('synchronous')).toEqual([expect.objectContaining({ synchronous: 1 })]); // NORMAL
      expect(store.shortLivedDb.pragma('journal_mode')).toEqual([expect.objectContaining({ journal_mode: 'wal' })]);

      await store.ephemeral.put('refresh_token', uniqueId('rt'), { user: 'a' }, 60);
      await store.ephemeral.put('grant', uniqueId('g'), { revoked: true }, 60);
      await store.ephemeral.put('login_transaction', uniqueId('lt'), { state: 's' }, 60);
      await store.ephemeral.put('authorization_code', uniqueId('code'), { user: 'a' }, 60);
      await store.locks.tryAcquire(uniqueId('lock'), 1000);

      expect(kindsIn(store.db)).toEqual(['grant', 'refresh_token']);
      expect(kindsIn(store.shortLivedDb)).toEqual(['authorization_code', 'login_transaction']);
      expect(tablesOf(store.db)).not.toEqual(expect.arrayContaining(['sessions']));
      expect(tablesOf(store.db).filter((table) => ['sessions', 'locks', 'counters', 'rate_limits'].includes(table))).toEqual([]);
      expect((store.shortLivedDb.prepare('SELECT COUNT(*) AS n FROM locks').get() as { n: number }).n).toBe(1);
    } finally {
      await store.close();
    }
  });

  it('moves the short-lived rows of a data directory written before the split, keeping people signed in', async () => {
    const dataDir = freshDir();
    const old = new Database(join(dataDir, DATABASE_FILE));
    old.pragma('journal_mode = WAL');
    migrate(old, MIGRATIONS.slice(0, MIGRATIONS.indexOf(SHORT_LIVED_TABLES_MOVED_MIGRATION)));
    const expires = Date.now() + 3_600_000;
    const session = { cookie: { expires: new Date(expires).toISOString() }, endUser: { tenant: 'default', userId: 'fitbit|A', connection: 'fitbit', authTime: 1 } };
    old.prepare('INSERT INTO sessions (sid, sess, expires_at) VALUES (?, ?, ?)').run('sid-1', JSON.stringify(session), expires);
    const insertEphemeral = old.prepare('INSERT INTO ephemeral (kind, key, value, expires_at) VALUES (?, ?, ?, ?)');
    insertEphemeral.run('refresh_token', 'rt-1', JSON.stringify({ user: 'a' }), expires);
    insertEphemeral.run('login_transaction', 'lt-1', JSON.stringify({ state: 's' }), expires);
    old.prepare('INSERT INTO counters (key, count, reset_at) VALUES (?, ?, ?)').run('ip-1', 3, expires);
    old.close();

    const store = SqliteStore.open(dataDir);
    try {
      expect(await sessionOf(store, 'sid-1')).toEqual(session);
      expect(await store.ephemeral.get('refresh_token', 'rt-1')).toEqual({ user: 'a' });
      expect(await store.ephemeral.get('login_transaction', 'lt-1')).toEqual({ state: 's' });
      expect(await store.counters.hit('ip-1', 60)).toEqual({ count: 4, resetAt: expires });
      expect(kindsIn(store.db)).toEqual(['refresh_token']);
      expect(tablesOf(store.db)).not.toContain('sessions');
    } finally {
      await store.close();
    }
  });
});
