import { randomBytes } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { createSealer } from '../../../src/store/sealing.js';
import { MIGRATIONS } from '../../../src/store/sqlite/migrations.js';
import { SHORT_LIVED_DATABASE_FILE } from '../../../src/store/sqlite/short_lived_schema.js';
import { OLDER_SCHEMA_VERSION, OLDER_SESSION_ID, schemaOf, writeOlderFitgateDb } from '../store/older_fitgate_db.js';
import { jwksKids, SERVER_TEST_TIMEOUT_MS, startServer, tempDataDir, type RunningServer } from './spawn_server.js';

/**
 * An upgrade started with the wrong FITGATE_MASTER_KEY (or a restore on a machine with another key)
 * is refused by the master key check; it used to run the pending migrations first, so the operator
 * who then went back to the previous fitgate (docs/operations.md, rolling back) found a schema newer
 * than it knows and had to restore a backup. The refused start now leaves fitgate.db's schema as it
 * was, and the next start, with the right key, migrates and serves the stored tenant.
 */
describe('a start refused by the master key check on an older fitgate.db', () => {
  const dataDir = tempDataDir();
  const running: RunningServer[] = [];
  afterAll(async () => {
    await Promise.all(running.map((server) => server.stop()));
    rmSync(dataDir, { recursive: true, force: true });
  });
  const start = (masterKey: Buffer) => {
    const server = startServer({
      FITGATE_DATA_DIR: dataDir,
      FITGATE_MASTER_KEY: masterKey.toString('base64'),
      FITGATE_SESSION_SECRETS: randomBytes(32).toString('hex'),
    });
    running.push(server);
    return server;
  };

  it('leaves the schema version and tables as they were, and the right key then migrates and serves', async () => {
    const rightKey = randomBytes(32);
    const rightSealer = createSealer([rightKey]);
    const tenant = await writeOlderFitgateDb(dataDir, rightSealer);
    const before = schemaOf(dataDir);
    expect(before.version).toBe(OLDER_SCHEMA_VERSION);

    const refused = start(randomBytes(32));
    expect(await refused.exited()).toBe(1);
    expect(refused.stderr()).toContain(`fitgate: FITGATE_MASTER_KEY lacks key id ${rightSealer.keyIds[0]} (2 sealed values need it)`);
    expect(schemaOf(dataDir)).toEqual(before);
    expect(existsSync(join(dataDir, SHORT_LIVED_DATABASE_FILE))).toBe(false);

    const served = start(rightKey);
    expect((await jwksKids(await served.port())).sort()).toEqual(tenant.signingKeys.map((key) => key.kid).sort());
    expect(await served.stop()).toBe(0);
    const after = schemaOf(dataDir);
    expect(after.version).toBe(MIGRATIONS.length);
    expect(after.sessions).not.toContain(OLDER_SESSION_ID);
  }, SERVER_TEST_TIMEOUT_MS);
});
