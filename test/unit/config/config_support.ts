import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../../../src/config/index.js';

/** An empty temporary data directory, so generated secrets never land in the repository. */
export function tempDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'fitgate-config-'));
}

export const masterKey = () => randomBytes(32).toString('base64');
export const sessionSecret = () => randomBytes(24).toString('hex');

/** The ConfigError `load` throws; fails the test when it throws nothing or something else. */
export function configErrorOf(load: () => unknown): ConfigError {
  try {
    load();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError, but the configuration loaded');
}

/** An environment that sets every secret setting (REDIS_URL with a password), with FITGATE_DATA_DIR. */
export function everySecretSet() {
  return {
    FITGATE_DATA_DIR: tempDataDir(),
    REDIS_URL: `redis://fitgate:${randomBytes(12).toString('hex')}@redis.internal:6379/2`,
    FITGATE_MASTER_KEY: `${masterKey()},${masterKey()}`,
    FITGATE_SESSION_SECRETS: `${sessionSecret()}${sessionSecret()}`,
    FITGATE_ADMIN_EMAIL: 'owner@example.com',
    FITGATE_ADMIN_PASSWORD: randomBytes(12).toString('hex'),
    FITGATE_BOOTSTRAP_CLIENT_ID: 'bootstrap-client',
    FITGATE_BOOTSTRAP_CLIENT_SECRET: randomBytes(24).toString('hex'),
  };
}

/** What NODE_ENV=production requires: the secrets, and the public https URL behind a trusted proxy. */
export function productionSettings() {
  return {
    NODE_ENV: 'production',
    FITGATE_MASTER_KEY: masterKey(),
    FITGATE_SESSION_SECRETS: `${sessionSecret()}${sessionSecret()}`,
    FITGATE_PUBLIC_URL: 'https://id.example.com',
    FITGATE_TRUST_PROXY: 'loopback',
  };
}
