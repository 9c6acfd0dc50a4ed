import { describe, expect, it } from '@jest/globals';
import { loadConfig } from '../../../src/config/index.js';
import { configErrorOf, tempDataDir } from './config_support.js';

describe('FITGATE_SHUTDOWN_DELAY_MS', () => {
  it('is 0 (stop at once) unless set', () => {
    expect(loadConfig({ FITGATE_DATA_DIR: tempDataDir() }).shutdownDelayMs).toBe(0);
  });

  it('takes whole milliseconds from 0 to 60000', () => {
    expect(loadConfig({ FITGATE_DATA_DIR: tempDataDir(), FITGATE_SHUTDOWN_DELAY_MS: '5000' }).shutdownDelayMs).toBe(5000);
    expect(loadConfig({ FITGATE_DATA_DIR: tempDataDir(), FITGATE_SHUTDOWN_DELAY_MS: '60000' }).shutdownDelayMs).toBe(60_000);
  });

  it.each(['-1', '60001', '1.5', '5s', 'soon'])('refuses %s, naming the variable and the range', (value) => {
    const error = configErrorOf(() => loadConfig({ FITGATE_DATA_DIR: tempDataDir(), FITGATE_SHUTDOWN_DELAY_MS: value }));
    expect(error.message).toContain('FITGATE_SHUTDOWN_DELAY_MS');
    expect(error.message).toContain('whole number of milliseconds from 0 to 60000');
  });
});
