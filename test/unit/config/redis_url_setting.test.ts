import { describe, expect, it } from '@jest/globals';
import { loadConfig } from '../../../src/config/index.js';
import { configErrorOf, masterKey, sessionSecret, tempDataDir } from './config_support.js';

const PASSWORD = 'redis-password-marker';
const withSecrets = (url: string) => ({ FITGATE_DATA_DIR: tempDataDir(), FITGATE_MASTER_KEY: masterKey(), FITGATE_SESSION_SECRETS: sessionSecret(), REDIS_URL: url });

/**
 * A REDIS_URL the Redis client cannot use as written is refused at start in one line naming
 * REDIS_URL: the client itself says only "Invalid URL" or "Invalid pathname", and takes one without
 * a host (redis://) for 127.0.0.1:6379. The line never repeats the URL: it may hold a password.
 */
describe('REDIS_URL', () => {
  it.each([
    [`redis://:${PASSWORD}@127.0.0.1:abc`, /cannot be read as a URL: check that the port is a number up to 65535/],
    [`redis://:${PASSWORD}@127.0.0.1:99999`, /cannot be read as a URL/],
    [`redis://:${PASSWORD}@[::1`, /an IPv6 address is in \[ \]/],
    [`redis://:${PASSWORD}@redis host:6379`, /cannot be read as a URL/],
    [`redis://:${PASSWORD}/x@127.0.0.1:6379`, /nor a \/ \? or # in the password/],
    ['redis://', /must name Redis's host/],
    ['redis:///2', /must name Redis's host/],
    [`redis://:${PASSWORD}@127.0.0.1:0`, /must have a port from 1 to 65535, or none for 6379/],
    [`redis://:${PASSWORD}@127.0.0.1:6379/abc`, /may have only a database number after the host/],
    [`http://:${PASSWORD}@127.0.0.1:6379`, /must be a redis:\/\/ or rediss:\/\/ URL/],
  ])('refuses %j in one line naming REDIS_URL and leaving out its password', (url, problem) => {
    const error = configErrorOf(() => loadConfig(withSecrets(url)));
    expect(error.variable).toBe('REDIS_URL');
    expect(error.message.startsWith('REDIS_URL: ')).toBe(true);
    expect(error.message).toMatch(problem);
    expect(error.message).toContain('redis://[USER:PASSWORD@]HOST[:PORT][/DB]');
    expect(error.message).not.toContain(PASSWORD);
    expect(error.message).not.toContain('\n');
  });

  it.each([
    'redis://127.0.0.1',
    'redis://redis.internal:6380/',
    `rediss://fitgate:${PASSWORD}@redis.internal:6380/2`,
    `redis://:${encodeURIComponent('p/a?s#s word')}@[::1]:6379/15`,
  ])('takes %j as written', (url) => {
    expect(loadConfig(withSecrets(url)).redis?.url).toBe(url);
  });
});
