import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from '@jest/globals';
import { masterKeyProblem } from '../../../src/domain/master_key_check.js';
import { createSealer } from '../../../src/store/sealing.js';
import { MIGRATIONS } from '../../../src/store/sqlite/migrations.js';
import { SHORT_LIVED_DATABASE_FILE } from '../../../src/store/sqlite/short_lived_schema.js';
import { SqliteStore } from '../../../src/store/sqlite/sqlite_store.js';
import { StartRefusedError } from '../../../src/store/start_refused_error.js';
import { OLDER_SCHEMA_VERSION, OLDER_SESSION_ID, schemaOf, writeOlderFitgateDb } from './older_fitgate_db.js';

/**
 * A start refused by the master key check on a fitgate.db of an older schema (an upgrade run with
 * the wrong FITGATE_MASTER_KEY, a restore on another machine) leaves that schema as it was: the
 * fitgate it came from still opens the file, so going back to it needs no restore. The check reads
 * the migrated file inside the migrations' transaction, which the refusal rolls back.
 */
describe('a refused open of an older embedded store', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  const keyA = createSealer([randomBytes(32)]);
  const keyB = createSealer([randomBytes(32)]);

  const olderDataDir = async (): Promise<string> => {
    const dir = mkdtempSync(join(tmpdir(), 'fitgate-refused-migrations-'));
    dirs.push(dir);
    await writeOlderFitgateDb(dir, keyA);
    return dir;
  };

  it('keeps its schema version, tables and rows, creates no short-lived file, and migrates at the next start with the right key', async () => {
    const dir = await olderDataDir();
    const before = schemaOf(dir);
    expect(before.version).toBe(OLDER_SCHEMA_VERSION);
    expect(before.sessions).toEqual([OLDER_SESSION_ID]);
    const files = readdirSync(dir).sort();

    const refused = await SqliteStore.openChecked(dir, (records) => masterKeyProblem(records, keyB.keyIds)).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(StartRefusedError);
    expect((refused as Error).message).toContain(`FITGATE_MASTER_KEY lacks key id ${keyA.keyIds[0]} (2 sealed values need it)`);
    expect(schemaOf(dir)).toEqual(before);
    expect(readdirSync(dir).sort()).toEqual(files);

    const store = await SqliteStore.openChecked(dir, (records) => masterKeyProblem(records, keyA.keyIds));
    try {
      expect(store.shortLivedDb.prepare('SELECT sid FROM sessions').all()).toEqual([{ sid: OLDER_SESSION_ID }]);
    } finally {
      await store.close();
    }
    const after = schemaOf(dir);
    expect(after.version).toBe(MIGRATIONS.length);
    expect(after.sessions).toEqual([]);
    expect(readdirSync(dir)).toContain(SHORT_LIVED_DATABASE_FILE);
  });
});
