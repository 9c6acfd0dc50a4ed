import { describe, expect, it } from '@jest/globals';
import { loadConfig } from '../../../src/config/index.js';
import { tempDataDir } from './config_support.js';

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
