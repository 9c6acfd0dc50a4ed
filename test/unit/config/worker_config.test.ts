import { readdirSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { configFromProcess, loadConfig, sharedSecrets } from '../../../src/config/index.js';
import { everySecretSet, masterKey, sessionSecret, tempDataDir } from './config_support.js';

/** A cluster worker builds its configuration from its environment and the secrets its primary sent over IPC. */
describe("a cluster worker's configuration", () => {
  const saved = { ...process.env };
  let workerDataDir = '';
  beforeEach(() => {
    workerDataDir = tempDataDir();
    process.env.FITGATE_DATA_DIR = workerDataDir;
    delete process.env.FITGATE_MASTER_KEY;
    delete process.env.FITGATE_SESSION_SECRETS;
  });
  afterEach(() => {
    process.env = { ...saved };
  });

  it('takes the secrets the primary generated, says they came from the data directory, and writes nothing there', () => {
    const primary = loadConfig({ FITGATE_DATA_DIR: tempDataDir() });
    const worker = configFromProcess(sharedSecrets(primary));
    expect(worker.masterKeys).toEqual(primary.masterKeys);
    expect(worker.sessionSecrets).toEqual(primary.sessionSecrets);
    expect(worker.secretsFrom).toEqual({ masterKeys: 'data directory', sessionSecrets: 'data directory' });
    expect(readdirSync(workerDataDir)).toEqual([]);
    expect(Object.isFrozen(worker)).toBe(true);
  });

  it('keeps every key and secret of a rotation, newest first, and says they came from the environment', () => {
    const primary = loadConfig({
      FITGATE_DATA_DIR: tempDataDir(),
      FITGATE_MASTER_KEY: `${masterKey()},${masterKey()}`,
      FITGATE_SESSION_SECRETS: `${sessionSecret()}${sessionSecret()},${sessionSecret()}${sessionSecret()}`,
    });
    const worker = configFromProcess(sharedSecrets(primary));
    expect(worker.masterKeys).toEqual(primary.masterKeys);
    expect(worker.sessionSecrets).toEqual(primary.sessionSecrets);
    expect(worker.secretsFrom).toEqual({ masterKeys: 'environment', sessionSecrets: 'environment' });
  });

  it("is its primary's, with every secret setting (REDIS_URL too) from the primary and none in its own environment", () => {
    const given = everySecretSet();
    // The worker is forked with the primary's environment less the secrets.
    const { FITGATE_DATA_DIR, FITGATE_ADMIN_EMAIL, FITGATE_BOOTSTRAP_CLIENT_ID } = given;
    Object.assign(process.env, { FITGATE_DATA_DIR, FITGATE_ADMIN_EMAIL, FITGATE_BOOTSTRAP_CLIENT_ID });
    const primary = loadConfig({ ...process.env, ...given });
    const worker = configFromProcess(sharedSecrets(primary));
    expect(worker).toEqual(primary);
  });
});
