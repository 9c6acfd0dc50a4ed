import { describe, expect, it } from '@jest/globals';
import { describeUnknownSetting, loadConfig } from '../../../src/config/index.js';
import { masterKey, sessionSecret, tempDataDir } from './config_support.js';

// A FITGATE_ variable fitgate does not read is reported (start-up warns), with the setting it was
// most likely meant to be, so a misspelt FITGATE_SANBOX=off does not leave the sandbox on unsaid.
describe('FITGATE_ variables fitgate does not read', () => {
  it('are listed with the known setting a misspelt name is nearest to', () => {
    const config = loadConfig({ FITGATE_DATA_DIR: tempDataDir(), FITGATE_SANBOX: 'off', FITGATE_WORKER: '2', FITGATE_SANDBOX: 'on' });
    expect(config.unknownSettings).toEqual([
      { name: 'FITGATE_SANBOX', suggestion: 'FITGATE_SANDBOX' },
      { name: 'FITGATE_WORKER', suggestion: 'FITGATE_WORKERS' },
    ]);
    expect(config.sandbox).toBe(true);
  });

  it('carry no suggestion when no setting is near, and other variables are none of fitgate’s business', () => {
    const config = loadConfig({ FITGATE_DATA_DIR: tempDataDir(), FITGATE_SOMETHING_ELSE_ENTIRELY: '1', PATH: '/usr/bin', HOME: '/root' });
    expect(config.unknownSettings).toEqual([{ name: 'FITGATE_SOMETHING_ELSE_ENTIRELY', suggestion: undefined }]);
  });

  it('are none when every FITGATE_ variable is a setting', () => {
    expect(loadConfig({ FITGATE_DATA_DIR: tempDataDir(), FITGATE_SANDBOX: 'on', FITGATE_LOG_RETENTION_DAYS: '30' }).unknownSettings).toEqual([]);
  });
});

// REDIS_URL misspelt would leave each instance on an embedded store of its own.
describe('REDIS_ variables fitgate does not read', () => {
  it('are listed beside the FITGATE_ ones, a slip of REDIS_URL with it as the suggestion', () => {
    const config = loadConfig({ FITGATE_DATA_DIR: tempDataDir(), REDIS_URI: 'redis://127.0.0.1:6379/9', FITGATE_WORKER: '1' });
    expect(config.unknownSettings).toEqual([
      { name: 'FITGATE_WORKER', suggestion: 'FITGATE_WORKERS' },
      { name: 'REDIS_URI', suggestion: 'REDIS_URL' },
    ]);
    expect(config.redis).toBeUndefined();
    expect(describeUnknownSetting(config.unknownSettings[1]!)).toBe('REDIS_URI is not a fitgate setting and is ignored: did you mean REDIS_URL?');
  });

  it('suggest fitgate’s own setting for a REDIS_ name it has with FITGATE_, and otherwise say that only REDIS_URL is read', () => {
    const config = loadConfig({ FITGATE_DATA_DIR: tempDataDir(), REDIS_PREFIX: 'staging:', REDIS_PASSWORD: 'x' });
    expect(config.unknownSettings).toEqual([
      { name: 'REDIS_PASSWORD', suggestion: undefined },
      { name: 'REDIS_PREFIX', suggestion: 'FITGATE_REDIS_PREFIX' },
    ]);
    expect(describeUnknownSetting(config.unknownSettings[0]!)).toBe(
      "REDIS_PASSWORD is not a fitgate setting and is ignored: fitgate reads Redis's address and password only from REDIS_URL (redis://[:PASSWORD@]HOST:PORT[/DB])",
    );
  });

  it('leave REDIS_URL itself alone', () => {
    const config = loadConfig({ FITGATE_DATA_DIR: tempDataDir(), REDIS_URL: 'redis://127.0.0.1:6379/9', FITGATE_MASTER_KEY: masterKey(), FITGATE_SESSION_SECRETS: sessionSecret().repeat(2) });
    expect(config.unknownSettings).toEqual([]);
  });
});
