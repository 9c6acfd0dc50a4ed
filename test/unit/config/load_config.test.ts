import { describe, expect, it } from '@jest/globals';
import { loadConfig } from '../../../src/config/index.js';
import { masterKey, sessionSecret, tempDataDir } from './config_support.js';

describe('configuration defaults and parsing', () => {
  it('serves http://localhost:3000 on port 3000 with the embedded store and the sandbox on', () => {
    const config = loadConfig({ FITGATE_DATA_DIR: tempDataDir() });
    expect(config).toMatchObject({
      env: 'development',
      port: 3000,
      publicUrl: 'http://localhost:3000',
      baseHost: 'localhost:3000',
      redis: undefined,
      sandbox: true,
      logLevel: 'info',
      bootstrapClient: undefined,
      upstreamBaseUrl: undefined,
      trustProxy: undefined,
    });
    expect(config.admin).toEqual({ email: undefined, password: undefined });
  });

  it('reads every variable of the contract', () => {
    const key = masterKey();
    const oldKey = masterKey();
    const dataDir = tempDataDir();
    const config = loadConfig({
      NODE_ENV: 'test',
      PORT: '8080',
      FITGATE_PUBLIC_URL: 'https://id.example.com/',
      REDIS_URL: 'redis://127.0.0.1:6379/2',
      FITGATE_REDIS_PREFIX: 'staging:',
      FITGATE_DATA_DIR: dataDir,
      FITGATE_MASTER_KEY: `${key}, ${oldKey}`,
      FITGATE_SESSION_SECRETS: `${'n'.repeat(32)},${'o'.repeat(32)}`,
      FITGATE_ADMIN_EMAIL: 'ops@example.com',
      FITGATE_ADMIN_PASSWORD: 'a long enough password',
      FITGATE_BOOTSTRAP_CLIENT_ID: 'terraform-client',
      FITGATE_BOOTSTRAP_CLIENT_SECRET: 's'.repeat(40),
      FITGATE_UPSTREAM_BASE_URL: 'http://127.0.0.1:4010/',
      FITGATE_SANDBOX: 'off',
      FITGATE_TRUST_PROXY: '1',
      LOG_LEVEL: 'debug',
    });
    expect(config).toMatchObject({
      env: 'test',
      port: 8080,
      publicUrl: 'https://id.example.com',
      baseHost: 'id.example.com',
      redis: { url: 'redis://127.0.0.1:6379/2', prefix: 'staging:' },
      dataDir,
      sessionSecrets: ['n'.repeat(32), 'o'.repeat(32)],
      admin: { email: 'ops@example.com', password: 'a long enough password' },
      bootstrapClient: { clientId: 'terraform-client', clientSecret: 's'.repeat(40) },
      upstreamBaseUrl: 'http://127.0.0.1:4010',
      sandbox: false,
      trustProxy: 1,
      logLevel: 'debug',
    });
    expect(config.masterKeys.map((k) => k.toString('base64'))).toEqual([key, oldKey]);
  });

  it('keeps a non-default port in the base host, where tenants live as NAME.<base host>', () => {
    const config = loadConfig({ FITGATE_DATA_DIR: tempDataDir(), FITGATE_PUBLIC_URL: 'http://localhost:8080' });
    expect(config.baseHost).toBe('localhost:8080');
  });

  it('reads FITGATE_TRUST_PROXY as Express does: booleans, hop counts, or address lists', () => {
    const trust = (value: string) =>
      loadConfig({ FITGATE_DATA_DIR: tempDataDir(), FITGATE_TRUST_PROXY: value, FITGATE_MASTER_KEY: masterKey(), FITGATE_SESSION_SECRETS: sessionSecret() }).trustProxy;
    expect(trust('true')).toBe(true);
    expect(trust('false')).toBe(false);
    expect(trust('2')).toBe(2);
    expect(trust('loopback, 10.0.0.0/8')).toBe('loopback, 10.0.0.0/8');
  });

  it('treats a variable set to the empty string as unset', () => {
    const config = loadConfig({ FITGATE_DATA_DIR: tempDataDir(), PORT: '', REDIS_URL: '', FITGATE_SANDBOX: '' });
    expect(config.port).toBe(3000);
    expect(config.redis).toBeUndefined();
    expect(config.sandbox).toBe(true);
  });

  it('returns a frozen configuration', () => {
    const config = loadConfig({ FITGATE_DATA_DIR: tempDataDir() });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.sessionSecrets)).toBe(true);
  });
});
