import { openSqliteFile, type SqliteDatabase } from './database.js';
import { SHORT_LIVED_DATABASE_FILE, SHORT_LIVED_MIGRATIONS } from './short_lived_schema.js';

/**
 * Opens (creating if needed) `<dataDir>/fitgate-short-lived.db`: login transactions, codes,
 * sessions, locks, counters and rate limits. WAL with synchronous=NORMAL: a commit is written to
 * the WAL without an fsync (only checkpoints sync), so a killed process loses nothing and a power
 * cut may lose the last commits but never corrupts the file. Its own connection, so its commits
 * never wait behind an fsync of fitgate.db and take no lock there.
 */
export function openShortLivedDatabase(dataDir: string): SqliteDatabase {
  return openSqliteFile(dataDir, { file: SHORT_LIVED_DATABASE_FILE, synchronous: 'NORMAL', migrations: SHORT_LIVED_MIGRATIONS });
}
