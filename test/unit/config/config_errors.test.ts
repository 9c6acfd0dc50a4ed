import { describe, expect, it } from '@jest/globals';
import { loadConfig } from '../../../src/config/index.js';
import { configErrorOf, tempDataDir } from './config_support.js';

// Each bad value stops start-up with one line: "VARIABLE: what is wrong".
const BAD_VALUES: ReadonlyArray<[variable: string, value: string, problem: RegExp]> = [
  ['NODE_ENV', 'staging', /"development"\|"test"\|"production"/],
  ['PORT', 'eighty', /must be a port number from 0 to 65535/],
  ['PORT', '70000', /must be a port number from 0 to 65535/],
  ['PORT', '80.5', /must be a port number from 0 to 65535/],
  ['FITGATE_PUBLIC_URL', 'localhost:3000', /http:\/\/ or https:\/\//],
  ['FITGATE_PUBLIC_URL', 'ftp://example.com', /http:\/\/ or https:\/\//],
  ['FITGATE_PUBLIC_URL', 'https://example.com/fitgate', /scheme, host and port only/],
  ['FITGATE_PUBLIC_URL', 'https://example.com/?x=1', /scheme, host and port only/],
  ['FITGATE_PUBLIC_URL', 'https://example.com#top', /scheme, host and port only/],
  ['FITGATE_PUBLIC_URL', 'https://admin@example.com', /scheme, host and port only/],
  ['REDIS_URL', 'http://127.0.0.1:6379', /redis:\/\/ or rediss:\/\//],
  ['FITGATE_REDIS_PREFIX', 'has spaces', /may contain only/],
  ['FITGATE_MASTER_KEY', 'c2hvcnQ=', /exactly 32 bytes/],
  ['FITGATE_SESSION_SECRETS', 'too-short', /at least 32 characters/],
  ['FITGATE_ADMIN_EMAIL', 'not-an-email', /email address/],
  ['FITGATE_ADMIN_PASSWORD', 'short', /at least 12 characters/],
  // Characters as the dashboard counts them: six emoji are twelve UTF-16 units but six characters.
  ['FITGATE_ADMIN_PASSWORD', '🏃🏃🏃🏃🏃🏃', /at least 12 characters/],
  ['FITGATE_ADMIN_PASSWORD', ' '.repeat(12), /must be more than spaces/],
  ['FITGATE_BOOTSTRAP_CLIENT_ID', 'bad id!', /8-64/],
  ['FITGATE_UPSTREAM_BASE_URL', 'emulator', /absolute http\(s\) URL/],
  ['FITGATE_SANDBOX', 'maybe', /on\/off/],
  ['LOG_LEVEL', 'verbose', /"info"/],
  ['FITGATE_TRUST_PROXY', 'not an ip', /true, false, a number of hops, or a comma-separated list/],
  ['FITGATE_TRUST_PROXY', '10.0.0.0/33', /true, false, a number of hops, or a comma-separated list/],
  ['FITGATE_TRUST_PROXY', 'loopback, 10.0.0.0/8/1', /true, false, a number of hops, or a comma-separated list/],
];

describe('configuration errors', () => {
  it.each(BAD_VALUES)('names %s and the problem in one line when it is %j', (variable, value, problem) => {
    const error = configErrorOf(() => loadConfig({ FITGATE_DATA_DIR: tempDataDir(), [variable]: value }));
    expect(error.variable).toBe(variable);
    expect(error.message.startsWith(`${variable}: `)).toBe(true);
    expect(error.message).toMatch(problem);
    expect(error.message).not.toContain('\n');
  });

  it('never repeats a secret value in the message', () => {
    const error = configErrorOf(() => loadConfig({ FITGATE_DATA_DIR: tempDataDir(), FITGATE_SESSION_SECRETS: 'secret-marker-1234' }));
    expect(error.message).not.toContain('secret-marker-1234');
  });

  it('requires the bootstrap client id and secret together', () => {
    const onlyId = configErrorOf(() => loadConfig({ FITGATE_DATA_DIR: tempDataDir(), FITGATE_BOOTSTRAP_CLIENT_ID: 'automation' }));
    expect(onlyId.variable).toBe('FITGATE_BOOTSTRAP_CLIENT_SECRET');
    const onlySecret = configErrorOf(() => loadConfig({ FITGATE_DATA_DIR: tempDataDir(), FITGATE_BOOTSTRAP_CLIENT_SECRET: 's'.repeat(40) }));
    expect(onlySecret.variable).toBe('FITGATE_BOOTSTRAP_CLIENT_ID');
  });

  it('takes an admin password of twelve characters the dashboard would take, emoji and spaces included', () => {
    const config = loadConfig({ FITGATE_DATA_DIR: tempDataDir(), FITGATE_ADMIN_PASSWORD: 'run 🏃 far 🏃 ok' });
    expect(config.admin.password).toBe('run 🏃 far 🏃 ok');
  });

  it.each(['true', 'false', '2', 'loopback', 'loopback, 10.0.0.0/8, fd00::/8', '192.168.0.0/255.255.0.0', '::1'])('takes FITGATE_TRUST_PROXY=%j as Express reads it', (value) => {
    expect(() => loadConfig({ FITGATE_DATA_DIR: tempDataDir(), FITGATE_TRUST_PROXY: value })).not.toThrow();
  });
});
