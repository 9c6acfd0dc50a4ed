import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { runAdmin } from './run_admin.js';

/** Every admin command, with arguments it would accept on an installation. */
const COMMANDS: ReadonlyArray<readonly string[]> = [
  ['backup', join(tmpdir(), `fitgate-never-${randomBytes(4).toString('hex')}.db`)],
  ['reset-password', 'someone@example.com'],
  ['remove-admin', 'someone@example.com'],
  ['reseal'],
];

const secrets = { FITGATE_MASTER_KEY: randomBytes(32).toString('base64'), FITGATE_SESSION_SECRETS: randomBytes(32).toString('hex') };

/**
 * An admin command pointed at a directory without fitgate's data (a typo in FITGATE_DATA_DIR, the
 * default ./data of another directory) must say so and write nothing: neither the directory, nor a
 * master key or session secret that would make it a second, empty installation with keys that open
 * nothing, nor a database.
 */
describe('npm run admin -- COMMAND on a data directory without fitgate data', () => {
  const parent = mkdtempSync(join(tmpdir(), 'fitgate-admin-nodata-'));
  afterAll(() => rmSync(parent, { recursive: true, force: true }));

  const refusal = (dataDir: string) => `fitgate admin: no fitgate data in ${dataDir}: check FITGATE_DATA_DIR (or REDIS_URL), as for npm start; nothing was written\n`;

  it.each(COMMANDS.map((args) => ({ name: args[0] ?? '', args })))('$name refuses a missing directory and does not create it', async ({ name, args }) => {
    const dataDir = join(parent, `missing-${name}`);
    for (const environment of [{}, secrets]) {
      const run = await runAdmin([...args], { FITGATE_DATA_DIR: dataDir, ...environment });
      expect(run).toEqual({ code: 1, stdout: '', stderr: refusal(dataDir) });
      expect(existsSync(dataDir)).toBe(false);
    }
    if (name === 'backup') expect(existsSync(args[1] ?? '')).toBe(false);
  }, 60_000);

  it.each(COMMANDS.map((args) => ({ name: args[0] ?? '', args })))('$name refuses an empty directory and leaves it empty', async ({ args }) => {
    const dataDir = mkdtempSync(join(parent, 'empty-'));
    for (const environment of [{}, secrets]) {
      const run = await runAdmin([...args], { FITGATE_DATA_DIR: dataDir, ...environment });
      expect(run).toEqual({ code: 1, stdout: '', stderr: refusal(dataDir) });
      expect(readdirSync(dataDir)).toEqual([]);
    }
  }, 60_000);
});
