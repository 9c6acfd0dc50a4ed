import { copyFileSync, existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import Database from 'libsql';
import { DATABASE_FILE, type SqliteDatabase } from '../../../src/store/sqlite/database.js';
import { SHORT_LIVED_DATABASE_FILE } from '../../../src/store/sqlite/short_lived_schema.js';
import { applicationId } from '../../../src/store/sqlite/store_setup.js';
import { runAdmin } from '../scripts/run_admin.js';
import { jwksKids, SERVER_TEST_TIMEOUT_MS, startServer, tempDataDir, type RunningServer } from './spawn_server.js';

/** What each file of the data directory says about itself, for a failure's message. */
function filesOf(dataDir: string): string {
  return [DATABASE_FILE, SHORT_LIVED_DATABASE_FILE, `${DATABASE_FILE}-wal`, `${SHORT_LIVED_DATABASE_FILE}-wal`]
    .map((file) => {
      const path = join(dataDir, file);
      if (!existsSync(path)) return `${file}: absent`;
      if (file.endsWith('-wal')) return `${file}: ${statSync(path).size} bytes`;
      const db = new Database(path, { readonly: true });
      try {
        const tables = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'tenants'").get() as { n: number };
        const tenants = tables.n > 0 ? (db.prepare('SELECT count(*) AS n FROM tenants').get() as { n: number }).n : 'no table';
        return `${file}: application_id ${applicationId(db as unknown as SqliteDatabase)}, tenants ${tenants}`;
      } finally {
        db.close();
      }
    })
    .join('; ');
}

/** Waits for the start to end without listening; fails at once if it listens instead. */
async function refusedStart(server: RunningServer, dataDir: string): Promise<number | null> {
  await server.waitForLine(/listening on port/).then(
    () => {
      throw new Error(`fitgate started instead of refusing; stdout: ${server.stdout()}; files: ${filesOf(dataDir)}`);
    },
    () => undefined,
  );
  return server.exited();
}

/**
 * A fitgate.db emptied in a data directory fitgate had set up (`: > fitgate.db`, a failed restore)
 * used to be taken for a first start: a new default tenant, new signing keys, a new admin, "ready",
 * and every application's tokens invalid. The start now refuses with one line naming the file and
 * the fix, and starts as before once a backup is put back as docs/operations.md says.
 */
describe('starting on a data directory whose fitgate.db was emptied', () => {
  const dataDir = tempDataDir();
  const backups = mkdtempSync(join(tmpdir(), 'fitgate-backups-'));
  const running: RunningServer[] = [];
  const start = () => {
    const server = startServer({ FITGATE_DATA_DIR: dataDir });
    running.push(server);
    return server;
  };
  afterAll(async () => {
    await Promise.all(running.map((server) => server.stop()));
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(backups, { recursive: true, force: true });
  });
  const database = join(dataDir, DATABASE_FILE);
  const removeWal = () => {
    for (const suffix of ['-wal', '-shm']) rmSync(`${database}${suffix}`, { force: true });
  };

  it('refuses to start, saying which file and what to do, creates nothing, and serves the old tenant once the backup is back', async () => {
    const first = start();
    const kids = await jwksKids(await first.port());
    const backup = join(backups, 'fitgate.db');
    // In a process of its own, as the operator runs it: libsql keeps a closed connection open until
    // its statements are collected, and one left in this process would later checkpoint its old WAL
    // into the file emptied below, putting the data back.
    expect((await runAdmin(['backup', backup], { FITGATE_DATA_DIR: dataDir })).code).toBe(0);
    expect(await first.stop()).toBe(0);

    writeFileSync(database, '');
    removeWal();
    const line =
      `fitgate: could not start: ${database} holds no fitgate data, but this FITGATE_DATA_DIR was set up before (fitgate-short-lived.db says so): ` +
      'fitgate.db was emptied, truncated or replaced, and fitgate will not set up a new tenant, signing keys and admin over it; ' +
      `restore fitgate.db from a backup (docs/operations.md#backup-and-restore), or move ${dataDir} away to start anew\n`;
    // Twice: the refused start made the empty file's tables, which must not make it look set up.
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const refused = start();
      expect(await refusedStart(refused, dataDir)).toBe(1);
      expect(refused.stderr()).toBe(line);
      expect(refused.stdout()).toBe('');
    }

    // docs/operations.md, restoring: stopped, the WAL and shared-memory files removed, the backup in place.
    removeWal();
    copyFileSync(backup, database);
    const restored = start();
    const port = await restored.port();
    expect(await jwksKids(port)).toEqual(kids);
    expect((await fetch(`http://127.0.0.1:${port}/health/ready`)).status).toBe(200);
    expect(await restored.stop()).toBe(0);
    // No second admin password: nothing was set up anew (the line is written whatever LOG_LEVEL says).
    expect(restored.stdout()).not.toContain('its generated password is in');
  }, SERVER_TEST_TIMEOUT_MS);
});
