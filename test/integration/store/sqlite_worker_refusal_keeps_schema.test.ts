import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'libsql';
import { afterEach, describe, expect, it } from '@jest/globals';
import { DATABASE_FILE, migrate } from '../../../src/store/sqlite/database.js';
import { MIGRATIONS } from '../../../src/store/sqlite/migrations.js';
import { SqliteStore } from '../../../src/store/sqlite/sqlite_store.js';
import { DatabaseNotSetUpError } from '../../../src/store/sqlite/store_setup.js';
import { OLDER_SCHEMA_VERSION, schemaOf } from './older_fitgate_db.js';

/**
 * A cluster worker that finds a fitgate.db its primary did not set up (the data directory replaced
 * while fitgate runs, here by an older file holding no data) refuses it, and leaves it as it found
 * it: its migrations are taken back with the refusal, as a refused start's are.
 */
describe('a cluster worker refusing a fitgate.db that is not set up', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('leaves its schema version and tables as they were', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fitgate-worker-refusal-'));
    dirs.push(dir);
    const older = new Database(join(dir, DATABASE_FILE));
    older.pragma('journal_mode = WAL');
    migrate(older, MIGRATIONS.slice(0, OLDER_SCHEMA_VERSION));
    older.pragma('wal_checkpoint(TRUNCATE)');
    older.close();
    const before = schemaOf(dir);
    const files = readdirSync(dir).sort();

    expect(() => SqliteStore.open(dir, undefined, undefined, { requireSetUp: true })).toThrow(DatabaseNotSetUpError);
    expect(schemaOf(dir)).toEqual(before);
    expect(before.version).toBe(OLDER_SCHEMA_VERSION);
    expect(readdirSync(dir).sort()).toEqual(files);
  });
});
