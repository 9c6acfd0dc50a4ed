import { copyFileSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { DATABASE_FILE } from '../../../src/store/sqlite/database.js';
import { SHORT_LIVED_DATABASE_FILE } from '../../../src/store/sqlite/short_lived_schema.js';
import { jwksKids, SERVER_TEST_TIMEOUT_MS, startServer, tempDataDir, type RunningServer } from './spawn_server.js';

/**
 * A stopped fitgate used to leave every commit since the last automatic checkpoint in fitgate.db-wal
 * (libsql's close() does not close while statements are reachable, so SQLite's checkpoint at the last
 * close never ran): fitgate.db copied alone after a stop held nothing, and a start on the copy set up
 * a new tenant with new signing keys. The store now checkpoints each file as it closes.
 */
describe('a stopped fitgate', () => {
  const dataDir = tempDataDir();
  const copy = tempDataDir();
  const running: RunningServer[] = [];
  afterAll(async () => {
    await Promise.all(running.map((server) => server.stop()));
    for (const dir of [dataDir, copy]) rmSync(dir, { recursive: true, force: true });
  });

  it('leaves each database file whole, its WAL empty, so a copy of fitgate.db alone serves the same tenant', async () => {
    const original = startServer({ FITGATE_DATA_DIR: dataDir });
    running.push(original);
    const kids = await jwksKids(await original.port());
    expect(await original.stop()).toBe(0);

    for (const file of [DATABASE_FILE, SHORT_LIVED_DATABASE_FILE]) expect(statSync(join(dataDir, `${file}-wal`), { throwIfNoEntry: false })?.size ?? 0).toBe(0);

    // A cold copy as an operator moving hosts makes it: the database file and the secrets, no WAL.
    mkdirSync(copy, { recursive: true });
    for (const file of [DATABASE_FILE, 'master.key', 'session.secret']) copyFileSync(join(dataDir, file), join(copy, file));
    const moved = startServer({ FITGATE_DATA_DIR: copy });
    running.push(moved);
    expect(await jwksKids(await moved.port())).toEqual(kids);
    expect(await moved.stop()).toBe(0);
  }, SERVER_TEST_TIMEOUT_MS);
});
