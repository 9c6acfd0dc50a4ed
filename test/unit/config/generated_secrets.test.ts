import { existsSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { loadConfig, NoFitgateDataError } from '../../../src/config/index.js';
import { configErrorOf, tempDataDir } from './config_support.js';

describe('secrets generated in embedded mode', () => {
  it('creates a master key and a session secret in the data directory on first start and reuses them', () => {
    const dataDir = tempDataDir();
    const first = loadConfig({ FITGATE_DATA_DIR: dataDir });
    const second = loadConfig({ FITGATE_DATA_DIR: dataDir });
    expect(first.masterKeys[0]?.length).toBe(32);
    expect(second.masterKeys[0]?.equals(first.masterKeys[0] as Buffer)).toBe(true);
    expect(second.sessionSecrets).toEqual(first.sessionSecrets);
    expect(first.sessionSecrets[0]?.length).toBeGreaterThanOrEqual(32);
  });

  it('keeps the generated files readable by their owner only', () => {
    const dataDir = tempDataDir();
    loadConfig({ FITGATE_DATA_DIR: dataDir });
    for (const file of ['master.key', 'session.secret']) {
      expect(statSync(join(dataDir, file)).mode & 0o777).toBe(0o600);
    }
  });

  it('uses configured secrets instead of generating any', () => {
    const dataDir = tempDataDir();
    const config = loadConfig({
      FITGATE_DATA_DIR: dataDir,
      FITGATE_MASTER_KEY: Buffer.alloc(32, 7).toString('base64'),
      FITGATE_SESSION_SECRETS: 'x'.repeat(40),
    });
    expect(config.sessionSecrets).toEqual(['x'.repeat(40)]);
    expect(() => statSync(join(dataDir, 'master.key'))).toThrow();
  });
});

describe('a data directory that cannot hold the generated secrets', () => {
  it('is a configuration error naming FITGATE_DATA_DIR', () => {
    const notADirectory = join(tempDataDir(), 'a-file');
    writeFileSync(notADirectory, '');
    const error = configErrorOf(() => loadConfig({ FITGATE_DATA_DIR: notADirectory }));
    expect(error.message).toBe(`FITGATE_DATA_DIR: cannot keep the generated master.key in ${notADirectory}: it is not a directory; set FITGATE_DATA_DIR to a directory`);
  });
});

describe('a master key file gone from a data directory that holds a database', () => {
  it('is not replaced: start-up stops and says to restore it', () => {
    const dataDir = tempDataDir();
    loadConfig({ FITGATE_DATA_DIR: dataDir });
    writeFileSync(join(dataDir, 'fitgate.db'), '');
    rmSync(join(dataDir, 'master.key'));

    const error = configErrorOf(() => loadConfig({ FITGATE_DATA_DIR: dataDir }));
    expect(error.message).toBe(
      `FITGATE_DATA_DIR: ${join(dataDir, 'master.key')} is missing, and the database beside it was sealed with it: ` +
        'restore it from your backup, or give the key as FITGATE_MASTER_KEY; a new key could not open what it sealed',
    );
    expect(existsSync(join(dataDir, 'master.key'))).toBe(false);
  });

  it('names the file when it holds no key of 32 bytes', () => {
    const dataDir = tempDataDir();
    writeFileSync(join(dataDir, 'master.key'), 'c2hvcnQ=\n');
    const error = configErrorOf(() => loadConfig({ FITGATE_DATA_DIR: dataDir }));
    expect(error.message).toMatch(new RegExp(`^FITGATE_DATA_DIR: ${join(dataDir, 'master.key')} does not hold a key of 32 bytes in base64 \\(it holds 5\\): restore it`));
  });

  it("is generated for a data directory without fitgate's database, as at a first start", () => {
    const dataDir = tempDataDir();
    writeFileSync(join(dataDir, 'session.secret'), 'y'.repeat(48));
    writeFileSync(join(dataDir, 'some-other-tool.db'), '');
    expect(loadConfig({ FITGATE_DATA_DIR: dataDir }).masterKeys[0]?.length).toBe(32);
  });
});

describe('secret files read only (secretFiles "existing", as the admin commands load the configuration)', () => {
  it('writes nothing where there is no fitgate data, not even the directory, and says so naming it', () => {
    const missing = join(tempDataDir(), 'not-here');
    const empty = tempDataDir();
    for (const dataDir of [missing, empty]) {
      const failure = configErrorOf(() => loadConfig({ FITGATE_DATA_DIR: dataDir }, { secretFiles: 'existing' }));
      expect(failure).toBeInstanceOf(NoFitgateDataError);
      expect((failure as NoFitgateDataError).dataDir).toBe(dataDir);
      expect(failure.message).toBe(`FITGATE_DATA_DIR: there is no fitgate data in ${dataDir}: check FITGATE_DATA_DIR`);
    }
    expect(existsSync(missing)).toBe(false);
    expect(readdirSync(empty)).toEqual([]);
  });

  it('reads the secrets an installation has, and does not make a missing session secret beside its database', () => {
    const dataDir = tempDataDir();
    const created = loadConfig({ FITGATE_DATA_DIR: dataDir });
    expect(loadConfig({ FITGATE_DATA_DIR: dataDir }, { secretFiles: 'existing' }).masterKeys).toEqual(created.masterKeys);

    writeFileSync(join(dataDir, 'fitgate.db'), '');
    rmSync(join(dataDir, 'session.secret'));
    expect(configErrorOf(() => loadConfig({ FITGATE_DATA_DIR: dataDir }, { secretFiles: 'existing' })).message).toBe(
      `FITGATE_DATA_DIR: ${join(dataDir, 'session.secret')} is missing: start fitgate once, which creates it, or give the secret in its variable`,
    );
    expect(existsSync(join(dataDir, 'session.secret'))).toBe(false);
  });
});
