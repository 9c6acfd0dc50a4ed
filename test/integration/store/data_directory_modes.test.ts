import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { pino } from 'pino';
import { loadConfig } from '../../../src/config/index.js';
import { openStore } from '../../../src/store/open_store.js';
import { DATABASE_FILE } from '../../../src/store/sqlite/database.js';
import { SHORT_LIVED_DATABASE_FILE } from '../../../src/store/sqlite/short_lived_schema.js';
import type { Store } from '../../../src/store/store.js';
import { captureLogLines } from '../../support/log_capture.js';

/** As in production: the secrets come from the environment, so nothing but the store makes the directory. */
const secrets = { FITGATE_MASTER_KEY: Buffer.alloc(32, 9).toString('base64'), FITGATE_SESSION_SECRETS: 'y'.repeat(32) };

const DATABASE_FILES = [DATABASE_FILE, SHORT_LIVED_DATABASE_FILE].flatMap((file) => [file, `${file}-wal`, `${file}-shm`]);

function modeOf(path: string): number {
  return statSync(path).mode & 0o777;
}

async function opened(dataDir: string, lines?: string[]): Promise<Store> {
  const capture = captureLogLines();
  const store = await openStore(loadConfig({ NODE_ENV: 'test', FITGATE_DATA_DIR: dataDir, ...secrets }), pino(capture.destination));
  // Something written in each file, so SQLite has made its -wal and -shm.
  await store.ephemeral.put('grant', 'written', true, 60);
  await store.ephemeral.put('login_transaction', 'written', true, 60);
  await new Promise((resolve) => setImmediate(resolve));
  lines?.push(...capture.lines);
  return store;
}

/**
 * The data directory holds password hashes, users' details and every record: other local users must
 * not read it, whatever the umask, including when the secrets come from the environment (production).
 */
describe('the data directory and database file modes', () => {
  const parent = mkdtempSync(join(tmpdir(), 'fitgate-modes-'));
  let umask = 0;
  beforeAll(() => {
    // The usual default, which makes files 0644 and directories 0755 unless fitgate says otherwise.
    umask = process.umask(0o022);
  });
  afterAll(() => {
    process.umask(umask);
    rmSync(parent, { recursive: true, force: true });
  });

  it('creates a new data directory 0700 and each database file, with its -wal and -shm, 0600', async () => {
    const dataDir = join(parent, 'new', 'data');
    const lines: string[] = [];
    const store = await opened(dataDir, lines);
    try {
      expect(modeOf(dataDir) & 0o077).toBe(0);
      for (const file of DATABASE_FILES) {
        expect(existsSync(join(dataDir, file))).toBe(true);
        expect([file, modeOf(join(dataDir, file)) & 0o077]).toEqual([file, 0]);
      }
      expect(lines.join('\n')).not.toContain('open to other users');
    } finally {
      await store.close();
    }
  });

  it('takes group and other access away from database files an earlier fitgate left readable', async () => {
    const dataDir = join(parent, 'earlier');
    await (await opened(dataDir)).close();
    for (const file of [DATABASE_FILE, SHORT_LIVED_DATABASE_FILE]) chmodSync(join(dataDir, file), 0o644);

    const store = await opened(dataDir);
    try {
      for (const file of DATABASE_FILES) expect([file, modeOf(join(dataDir, file))]).toEqual([file, 0o600]);
    } finally {
      await store.close();
    }
  });

  it('warns at start, with the command that fixes it, when an existing data directory is open to other users', async () => {
    const dataDir = join(parent, 'shared');
    mkdirSync(dataDir, { mode: 0o755 });
    chmodSync(dataDir, 0o755);
    const lines: string[] = [];
    const store = await opened(dataDir, lines);
    try {
      const warnings = lines.map((line) => JSON.parse(line) as { level: number; msg: string }).filter((line) => line.msg.includes('open to other users'));
      expect(warnings).toEqual([
        expect.objectContaining({ level: 40, msg: expect.stringContaining(`the data directory ${dataDir} is open to other users (mode 0755)`) }),
      ]);
      expect(warnings[0]?.msg).toContain(`chmod 700 ${dataDir}`);
      // Left as the operator made it: the warning says how to close it.
      expect(modeOf(dataDir)).toBe(0o755);
    } finally {
      await store.close();
    }
  });
});
