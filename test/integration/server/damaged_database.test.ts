import { closeSync, cpSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Database from 'libsql';
import { DATABASE_FILE } from '../../../src/store/sqlite/database.js';
import { SHORT_LIVED_DATABASE_FILE } from '../../../src/store/sqlite/short_lived_schema.js';
import { SERVER_TEST_TIMEOUT_MS, startServer, tempDataDir } from './spawn_server.js';

/** Everything in the file itself (WAL checkpointed and gone), as a crash or a disk fault would find it. */
function checkpoint(path: string): void {
  const db = new Database(path);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

/** Overwrites one page of the file with garbage: page 1 is the header, another the root of `table`. */
function damage(path: string, where: { table: string } | 'header'): void {
  let page = 1;
  let pageSize = 4096;
  if (where !== 'header') {
    const db = new Database(path);
    page = (db.prepare('SELECT rootpage FROM sqlite_master WHERE name = ?').get(where.table) as { rootpage: number }).rootpage;
    pageSize = (db.pragma('page_size') as Array<{ page_size: number }>)[0]?.page_size ?? pageSize;
    db.close();
  }
  const fd = openSync(path, 'r+');
  try {
    writeSync(fd, Buffer.alloc(where === 'header' ? 100 : pageSize, 0x5a), 0, where === 'header' ? 100 : pageSize, (page - 1) * pageSize);
  } finally {
    closeSync(fd);
  }
}

/**
 * A damaged file used to stop the start with SQLite's words alone, `fitgate: could not start:
 * database disk image is malformed`: no file, no remedy. The line now says which file, where, and
 * what to do, whether the damage is met while opening it or at the first read after.
 */
describe('starting on a damaged embedded database', () => {
  const setUp = tempDataDir();
  const dirs: string[] = [setUp];
  beforeAll(async () => {
    const first = startServer({ FITGATE_DATA_DIR: setUp });
    await first.port();
    expect(await first.stop()).toBe(0);
    checkpoint(join(setUp, DATABASE_FILE));
    checkpoint(join(setUp, SHORT_LIVED_DATABASE_FILE));
  }, SERVER_TEST_TIMEOUT_MS);
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  /** A copy of the set-up data directory with `file` damaged; the start's exit code and stderr. */
  async function startDamaged(file: string, where: { table: string } | 'header'): Promise<{ dir: string; code: number | null; stderr: string; stdout: string }> {
    const dir = tempDataDir();
    dirs.push(dir);
    cpSync(setUp, dir, { recursive: true });
    damage(join(dir, file), where);
    const server = startServer({ FITGATE_DATA_DIR: dir });
    return { dir, code: await server.exited(), stderr: server.stderr(), stdout: server.stdout() };
  }

  it('names fitgate.db and says to put a backup in its place when a page of a table is damaged (met after opening)', async () => {
    const { dir, code, stderr, stdout } = await startDamaged(DATABASE_FILE, { table: 'tenants' });
    expect(code).toBe(1);
    expect(stderr).toBe(
      `fitgate: could not start: cannot read the embedded database in FITGATE_DATA_DIR (${dir}): fitgate.db is damaged (database disk image is malformed): ` +
        `stop fitgate, move ${join(dir, DATABASE_FILE)} and its -wal and -shm files aside, and put your latest backup in its place (docs/operations.md#backup-and-restore)\n`,
    );
    expect(stdout).toBe('');
  }, SERVER_TEST_TIMEOUT_MS);

  it('says the same when its header is damaged (met while opening)', async () => {
    const { dir, code, stderr } = await startDamaged(DATABASE_FILE, 'header');
    expect(code).toBe(1);
    expect(stderr).toBe(
      `fitgate: could not start: cannot open the embedded database in FITGATE_DATA_DIR (${dir}): fitgate.db is damaged (file is not a database): ` +
        `stop fitgate, move ${join(dir, DATABASE_FILE)} and its -wal and -shm files aside, and put your latest backup in its place (docs/operations.md#backup-and-restore)\n`,
    );
  }, SERVER_TEST_TIMEOUT_MS);

  it('says to delete the short-lived file when it is the damaged one: it holds nothing a backup keeps', async () => {
    const { dir, code, stderr } = await startDamaged(SHORT_LIVED_DATABASE_FILE, 'header');
    expect(code).toBe(1);
    expect(stderr).toBe(
      `fitgate: could not start: cannot open the embedded database in FITGATE_DATA_DIR (${dir}): ${SHORT_LIVED_DATABASE_FILE} is damaged (file is not a database): ` +
        `stop fitgate and delete ${join(dir, SHORT_LIVED_DATABASE_FILE)} with its -wal and -shm files; it holds only sessions, logins in flight ` +
        'and counters, and fitgate makes it anew (everyone signs in again)\n',
    );
  }, SERVER_TEST_TIMEOUT_MS);
});
