import { describe, expect, it } from '@jest/globals';
import { loadConfig } from '../../../src/config/index.js';
import { configErrorOf, tempDataDir } from './config_support.js';

/**
 * Where the master key and the session secrets cannot be generated into the data directory (with
 * Redis, in production), a start without them says what each takes and a command that makes one,
 * and names both in one line when both are missing, so the first fix is not followed by a second
 * refusal.
 */
describe('the refusal of a start without the master key or the session secrets', () => {
  it('names both with Redis, each with a command that makes one', () => {
    const error = configErrorOf(() => loadConfig({ FITGATE_DATA_DIR: tempDataDir(), REDIS_URL: 'redis://127.0.0.1:6379' }));
    expect(error.message).toBe(
      'FITGATE_MASTER_KEY: is required when REDIS_URL is set (every instance must share it): base64 of 32 random bytes, ' +
        'such as `openssl rand -base64 32` prints; FITGATE_SESSION_SECRETS is required too, at least 32 characters, such as `openssl rand -hex 32` prints',
    );
  });

  it('names both in production too', () => {
    const error = configErrorOf(() =>
      loadConfig({ NODE_ENV: 'production', FITGATE_DATA_DIR: tempDataDir(), FITGATE_PUBLIC_URL: 'https://id.example.com', FITGATE_TRUST_PROXY: '1' }),
    );
    expect(error.variable).toBe('FITGATE_MASTER_KEY');
    expect(error.message).toContain('; FITGATE_SESSION_SECRETS is required too, at least 32 characters, such as `openssl rand -hex 32` prints');
  });
});
