import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'libsql';
import { afterEach, describe, expect, it } from '@jest/globals';
import { loadConfig } from '../../../src/config/index.js';
import { masterKeyProblem } from '../../../src/domain/master_key_check.js';
import { openStore } from '../../../src/store/open_store.js';
import { createSealer } from '../../../src/store/sealing.js';
import { DATABASE_FILE } from '../../../src/store/sqlite/database.js';
import { MIGRATIONS } from '../../../src/store/sqlite/migrations.js';
import { SHORT_LIVED_DATABASE_FILE } from '../../../src/store/sqlite/short_lived_schema.js';
import { SqliteStore } from '../../../src/store/sqlite/sqlite_store.js';
import { StartRefusedError } from '../../../src/store/start_refused_error.js';
import { tenantRecord } from './records.js';

/**
 * A start refused on a restored data directory (only fitgate.db put back) leaves it as it found it:
 * fitgate.db is checked (schema version, master keys) before the short-lived file is created.
 */
describe('a refused open of the embedded store', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  const keyA = createSealer([randomBytes(32)]);
  const keyB = createSealer([randomBytes(32)]);

  /** A data directory holding a fitgate.db with a value sealed under key A, and no short-lived file. */
  const restoredDataDir = async (): Promise<string> => {
    const dir = mkdtempSync(join(tmpdir(), 'fitgate-refused-open-'));
    dirs.push(dir);
    const store = SqliteStore.open(dir);
    const signingKey = { kid: 'k1', publicJwk: { kty: 'RSA' }, privateJwk: keyA.seal('jwk'), createdAt: new Date().toISOString() };
    await store.tenants.create(tenantRecord({ signingKeys: [signingKey] }));
    await store.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(join(dir, SHORT_LIVED_DATABASE_FILE + suffix), { force: true });
    return dir;
  };

  const files = (dir: string) => readdirSync(dir).sort();

  it('for a master key that lacks the restored data\'s key creates no file, and opens with the right key', async () => {
    const dir = await restoredDataDir();
    // As on a restored data directory: the keys given, not generated (which would add files).
    const config = loadConfig({ NODE_ENV: 'test', FITGATE_DATA_DIR: dir, FITGATE_MASTER_KEY: randomBytes(32).toString('base64'), FITGATE_SESSION_SECRETS: 'x'.repeat(32) });
    const before = files(dir);
    expect(before).toContain(DATABASE_FILE);
    expect(before).not.toContain(SHORT_LIVED_DATABASE_FILE);

    const refused = await openStore(config, undefined, undefined, { refuse: (records) => masterKeyProblem(records, keyB.keyIds) }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(StartRefusedError);
    expect((refused as Error).message).toContain(`FITGATE_MASTER_KEY lacks key id ${keyA.keyIds[0]}`);
    expect(files(dir)).toEqual(before);

    const store = await openStore(config, undefined, undefined, { refuse: (records) => masterKeyProblem(records, keyA.keyIds) });
    await store.close();
    expect(files(dir)).toContain(SHORT_LIVED_DATABASE_FILE);
  });

  it('for a fitgate.db of a newer schema creates no file', async () => {
    const dir = await restoredDataDir();
    const db = new Database(join(dir, DATABASE_FILE));
    db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    db.close();
    const before = files(dir);

    expect(() => SqliteStore.open(dir)).toThrow(/newer than this fitgate knows/);
    expect(files(dir)).toEqual(before);
  });
});
