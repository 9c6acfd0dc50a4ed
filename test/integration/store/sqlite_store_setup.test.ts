import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { loadConfig } from '../../../src/config/index.js';
import { connectionPlugins } from '../../../src/connections/registry.js';
import { StoreUnavailableError } from '../../../src/errors/index.js';
import { bootstrap, type BootstrapDeps } from '../../../src/domain/bootstrap.js';
import { createSealer } from '../../../src/store/sealing.js';
import { DATABASE_FILE } from '../../../src/store/sqlite/database.js';
import { SHORT_LIVED_DATABASE_FILE } from '../../../src/store/sqlite/short_lived_schema.js';
import { SqliteStore } from '../../../src/store/sqlite/sqlite_store.js';
import { applicationId, DatabaseLostError, DatabaseNotSetUpError, FITGATE_APPLICATION_ID } from '../../../src/store/sqlite/store_setup.js';
import { holdWriteLock } from './lock_holder.js';

// Each bootstrap generates an RSA key and a scrypt hash; the suite shares two loaded cores.
jest.setTimeout(90_000);

const sealer = createSealer([randomBytes(32)]);

/**
 * Which starts may set up a new tenant on the embedded store: a first start, also one that stopped
 * half-way, always; a start on a data directory whose fitgate.db lost what a previous start set up,
 * never (it would replace every signing key, application and user without a word). And a cluster
 * worker serves only a database its primary set up.
 */
describe('setting up the embedded store', () => {
  const dirs: string[] = [];
  const opened: SqliteStore[] = [];
  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close();
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  const dataDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'fitgate-setup-'));
    dirs.push(dir);
    // As a start does: the secrets first, before the database exists.
    loadConfig({ NODE_ENV: 'test', FITGATE_DATA_DIR: dir });
    return dir;
  };
  const open = (dir: string, options?: Parameters<typeof SqliteStore.open>[3]) => {
    const store = SqliteStore.open(dir, undefined, undefined, options);
    opened.push(store);
    return store;
  };
  const close = async (store: SqliteStore) => {
    opened.splice(opened.indexOf(store), 1);
    await store.close();
  };
  const start = (store: SqliteStore) => {
    const deps: BootstrapDeps = {
      config: { publicUrl: 'http://localhost:3000', baseHost: 'localhost:3000', admin: { email: undefined, password: undefined }, bootstrapClient: undefined },
      store,
      sealer,
      plugins: connectionPlugins(),
    };
    return bootstrap(deps);
  };
  // An empty file put in its place. (Truncating it in place, `: > fitgate.db`, is the server test's:
  // in this process the closed connection's locks linger on the old inode until collected.)
  const emptyDatabase = (dir: string) => {
    rmSync(join(dir, DATABASE_FILE));
    writeFileSync(join(dir, DATABASE_FILE), '');
    rmSync(join(dir, `${DATABASE_FILE}-wal`), { force: true });
    rmSync(join(dir, `${DATABASE_FILE}-shm`), { force: true });
  };

  it.each([
    ['before either file was marked', async () => undefined],
    ['after fitgate.db was marked, before the short-lived file was', async (store: SqliteStore) => void store.db.pragma(`application_id = ${FITGATE_APPLICATION_ID}`)],
    ['after both were marked, before the tenant was made', async (store: SqliteStore) => store.markInitialised()],
  ])('a first start that stopped %s is a first start again', async (_when, stopAfter) => {
    const dir = dataDir();
    const interrupted = open(dir);
    await stopAfter(interrupted);
    await close(interrupted);

    const store = open(dir);
    expect((await start(store)).created).toEqual(['tenant', 'connection', 'admin']);
    expect(applicationId(store.db)).toBe(FITGATE_APPLICATION_ID);
    expect(applicationId(store.shortLivedDb)).toBe(FITGATE_APPLICATION_ID);
  });

  it('marks the short-lived file only once fitgate.db is marked: a start whose mark of fitgate.db failed leaves a first start', async () => {
    const dir = dataDir();
    const store = open(dir);
    const holder = holdWriteLock(join(dir, DATABASE_FILE));
    try {
      await expect(store.markInitialised()).rejects.toThrow(StoreUnavailableError);
    } finally {
      await holder.release();
    }
    expect(applicationId(store.shortLivedDb)).toBe(0);
    await close(store);

    const again = open(dir);
    expect((await start(again)).created).toContain('tenant');
  });

  it('refuses, before creating anything, to set up a new tenant over a fitgate.db emptied after a start; and keeps refusing', async () => {
    const dir = dataDir();
    const first = open(dir);
    await start(first);
    await close(first);
    emptyDatabase(dir);

    for (let attempt = 0; attempt < 2; attempt += 1) {
      // The refused start made fitgate.db's tables anew: that must not make it look set up.
      const store = open(dir);
      const refused = start(store);
      await expect(refused).rejects.toThrow(DatabaseLostError);
      await expect(refused).rejects.toThrow(
        `${join(dir, DATABASE_FILE)} holds no fitgate data, but this FITGATE_DATA_DIR was set up before (${SHORT_LIVED_DATABASE_FILE} says so): ` +
          'fitgate.db was emptied, truncated or replaced, and fitgate will not set up a new tenant, signing keys and admin over it; ' +
          `restore fitgate.db from a backup (docs/operations.md#backup-and-restore), or move ${dir} away to start anew`,
      );
      expect(await store.tenants.get('default')).toBeUndefined();
      expect(await store.admins.count()).toBe(0);
      await close(store);
    }
  });

  it('refuses the same when fitgate.db was deleted, and starts anew once the short-lived file goes too', async () => {
    const dir = dataDir();
    const first = open(dir);
    await start(first);
    await close(first);
    for (const suffix of ['', '-wal', '-shm']) rmSync(join(dir, `${DATABASE_FILE}${suffix}`), { force: true });

    const refused = open(dir);
    await expect(start(refused)).rejects.toThrow(DatabaseLostError);
    await close(refused);

    // Moving the whole directory away is what the message says; deleting both files is the same.
    for (const file of [DATABASE_FILE, SHORT_LIVED_DATABASE_FILE]) for (const suffix of ['', '-wal', '-shm']) rmSync(join(dir, `${file}${suffix}`), { force: true });
    const anew = open(dir);
    expect((await start(anew)).created).toContain('tenant');
  });

  it('takes a fitgate.db from before the mark, holding a tenant, as set up, and marks both files', async () => {
    const dir = dataDir();
    const older = open(dir);
    await start(older);
    // As a data directory of a fitgate without the mark, or an older backup put in place.
    older.db.pragma('application_id = 0');
    older.shortLivedDb.pragma(`application_id = ${FITGATE_APPLICATION_ID}`);
    await close(older);

    const store = open(dir);
    expect((await start(store)).created).toEqual([]);
    expect(applicationId(store.db)).toBe(FITGATE_APPLICATION_ID);
  });

  describe('a cluster worker (requireSetUp)', () => {
    it('refuses a data directory without fitgate.db, and creates neither file', () => {
      const dir = dataDir();
      expect(() => open(dir, { requireSetUp: true })).toThrow(
        new DatabaseNotSetUpError(join(dir, DATABASE_FILE), true),
      );
      expect(() => open(dir, { requireSetUp: true })).toThrow(
        `${join(dir, DATABASE_FILE)} does not exist: a worker serves only the database its primary set up, so the data directory was deleted, ` +
          'emptied or replaced while fitgate runs; restore it from a backup (docs/operations.md#backup-and-restore) and restart fitgate',
      );
      expect(existsSync(join(dir, DATABASE_FILE))).toBe(false);
      expect(existsSync(join(dir, SHORT_LIVED_DATABASE_FILE))).toBe(false);
    });

    it('refuses a fitgate.db no start set up, and serves one that a start did', async () => {
      const dir = dataDir();
      await close(open(dir));
      expect(() => open(dir, { requireSetUp: true })).toThrow(`${join(dir, DATABASE_FILE)} holds no fitgate data: a worker serves only`);

      const primary = open(dir);
      await start(primary);
      await close(primary);
      const worker = open(dir, { requireSetUp: true });
      expect(await worker.tenants.get('default')).toBeDefined();
    });

    it('is not asked for by a first start or npm run admin: without it, opening an empty directory creates the database', async () => {
      const dir = dataDir();
      const store = open(dir);
      expect(existsSync(join(dir, DATABASE_FILE))).toBe(true);
      await close(store);
    });
  });
});
