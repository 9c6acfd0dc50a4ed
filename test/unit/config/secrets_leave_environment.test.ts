import { afterEach, describe, expect, it } from '@jest/globals';
import { configFromProcess, SECRET_SETTINGS } from '../../../src/config/index.js';
import { everySecretSet } from './config_support.js';

/** Reading the configuration moves the secrets out of the process environment, which every child inherits. */
describe('reading the configuration from the process environment', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('deletes every secret setting from process.env, keeps the others, and configures with them all', () => {
    const given = { ...everySecretSet(), NODE_ENV: 'test' };
    Object.assign(process.env, given);
    const config = configFromProcess();

    for (const name of SECRET_SETTINGS) expect(Object.keys(process.env)).not.toContain(name);
    for (const value of SECRET_SETTINGS.map((name) => given[name])) expect(Object.values(process.env)).not.toContain(value);
    expect(process.env.FITGATE_DATA_DIR).toBe(given.FITGATE_DATA_DIR);
    expect(process.env.FITGATE_BOOTSTRAP_CLIENT_ID).toBe(given.FITGATE_BOOTSTRAP_CLIENT_ID);

    expect(config.redis?.url).toBe(given.REDIS_URL);
    expect(config.masterKeys.map((key) => key.toString('base64')).join(',')).toBe(given.FITGATE_MASTER_KEY);
    expect(config.sessionSecrets.join(',')).toBe(given.FITGATE_SESSION_SECRETS);
    expect(config.admin.password).toBe(given.FITGATE_ADMIN_PASSWORD);
    expect(config.bootstrapClient?.clientSecret).toBe(given.FITGATE_BOOTSTRAP_CLIENT_SECRET);
    expect(config.secretsFrom).toEqual({ masterKeys: 'environment', sessionSecrets: 'environment' });
  });

  it('gives a later read in the same process the secrets the first one took, not a configuration without them', () => {
    Object.assign(process.env, { ...everySecretSet(), NODE_ENV: 'test' });
    const first = configFromProcess();
    const second = configFromProcess();
    expect(second.redis).toEqual(first.redis);
    expect(second.masterKeys).toEqual(first.masterKeys);
    expect(second.sessionSecrets).toEqual(first.sessionSecrets);
    expect(second.admin).toEqual(first.admin);
    expect(second.bootstrapClient).toEqual(first.bootstrapClient);
  });
});
