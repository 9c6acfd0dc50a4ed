import { describe, expect, it } from '@jest/globals';
import { loadConfig } from '../../../src/config/index.js';
import { configErrorOf, masterKey, sessionSecret, tempDataDir } from './config_support.js';

describe('production configuration', () => {
  const production = (extra: Record<string, string> = {}) => ({
    NODE_ENV: 'production',
    FITGATE_DATA_DIR: tempDataDir(),
    FITGATE_MASTER_KEY: masterKey(),
    FITGATE_SESSION_SECRETS: sessionSecret(),
    FITGATE_PUBLIC_URL: 'https://id.example.com',
    FITGATE_TRUST_PROXY: 'loopback',
    ...extra,
  });

  it('refuses to start without FITGATE_MASTER_KEY', () => {
    const { FITGATE_MASTER_KEY: _omitted, ...environment } = production();
    expect(configErrorOf(() => loadConfig(environment)).message).toBe(
      'FITGATE_MASTER_KEY: is required when NODE_ENV=production: base64 of 32 random bytes, such as `openssl rand -base64 32` prints',
    );
  });

  it('refuses to start without FITGATE_SESSION_SECRETS', () => {
    const { FITGATE_SESSION_SECRETS: _omitted, ...environment } = production();
    expect(configErrorOf(() => loadConfig(environment)).message).toBe(
      'FITGATE_SESSION_SECRETS: is required when NODE_ENV=production: at least 32 characters, such as `openssl rand -hex 32` prints',
    );
  });

  it('turns the sandbox off by default and refuses to turn it on', () => {
    expect(loadConfig(production()).sandbox).toBe(false);
    expect(configErrorOf(() => loadConfig(production({ FITGATE_SANDBOX: 'on' }))).variable).toBe('FITGATE_SANDBOX');
  });

  it('also requires both secrets with Redis outside production, since every instance must share them', () => {
    const error = configErrorOf(() => loadConfig({ FITGATE_DATA_DIR: tempDataDir(), REDIS_URL: 'redis://127.0.0.1:6379' }));
    expect(error.variable).toBe('FITGATE_MASTER_KEY');
    const secretError = configErrorOf(() =>
      loadConfig({ FITGATE_DATA_DIR: tempDataDir(), REDIS_URL: 'redis://127.0.0.1:6379', FITGATE_MASTER_KEY: masterKey() }),
    );
    expect(secretError.variable).toBe('FITGATE_SESSION_SECRETS');
  });
});
