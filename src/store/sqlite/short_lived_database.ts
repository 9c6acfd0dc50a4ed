import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'libsql';
import { BUSY_TIMEOUT_MS, cacheStatements, migrate, type SqliteDatabase } from './database.js';
import { SHORT_LIVED_DATABASE_FILE, SHORT_LIVED_MIGRATIONS } from './short_lived_schema.js';

/**
 * Opens (creating if needed) `<dataDir>/fitgate-short-lived.db`: login transactions, codes,
 * sessions, locks, counters and rate limits. WAL with synchronous=NORMAL: a commit is written to
 * the WAL without an fsync (only checkpoints sync), so a killed process loses nothing and a power
 * cut may lose the last commits but never corrupts the file. Its own connection, so its commits
 * never wait behind an fsync of fitgate.db and take no lock there.
 */
export function openShortLivedDatabase(dataDir: string): SqliteDatabase {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, SHORT_LIVED_DATABASE_FILE));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    migrate(db, SHORT_LIVED_MIGRATIONS);
    cacheStatements(db);
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
