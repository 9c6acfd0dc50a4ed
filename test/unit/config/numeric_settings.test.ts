import { describe, expect, it } from '@jest/globals';
import { listenAddresses, loadConfig, type Config } from '../../../src/config/index.js';
import { loadEmulatorConfig } from '../../../src/config/emulator_config.js';
import { configErrorOf, tempDataDir } from './config_support.js';

/**
 * Numeric settings are whole numbers in decimal digits. JavaScript's Number() would read " " as 0
 * (PORT=" " listened on a random port while the printed URL said 3000), "0x10" as 16 and "1e3" as
 * 1000. An empty value is unset, as for every other setting; one of spaces is refused like any typo.
 */
const NUMERIC: ReadonlyArray<[variable: string, field: keyof Config, problem: string]> = [
  ['PORT', 'port', 'must be a port number from 0 to 65535, in decimal digits'],
  ['FITGATE_METRICS_PORT', 'metricsPort', 'must be a port number from 0 to 65535, in decimal digits'],
  ['FITGATE_LOG_RETENTION_DAYS', 'logRetentionDays', 'must be a whole number of days from 1 to 3650, in decimal digits'],
  ['FITGATE_SHUTDOWN_DELAY_MS', 'shutdownDelayMs', 'must be a whole number of milliseconds from 0 to 60000, in decimal digits'],
];
const NOT_DECIMAL = [' ', '  ', '\t', '0x10', '1e3', '+80', '-0', '80.0', ' 80', '80 ', '٨٠', '8_0'];

describe('numeric settings', () => {
  describe.each(NUMERIC)('%s', (variable, field, problem) => {
    it.each(NOT_DECIMAL)('refuses %j in one line naming the variable', (value) => {
      const error = configErrorOf(() => loadConfig({ FITGATE_DATA_DIR: tempDataDir(), [variable]: value }));
      expect(error.message).toBe(`${variable}: ${problem}`);
    });

    it('takes decimal digits, a leading zero included', () => {
      expect(loadConfig({ FITGATE_DATA_DIR: tempDataDir(), [variable]: '0010' })[field]).toBe(10);
    });
  });

  it('reads an empty value as unset: the default', () => {
    const config = loadConfig({ FITGATE_DATA_DIR: tempDataDir(), PORT: '', FITGATE_METRICS_PORT: '', FITGATE_LOG_RETENTION_DAYS: '', FITGATE_SHUTDOWN_DELAY_MS: '' });
    expect(config).toMatchObject({ port: 3000, metricsPort: undefined, logRetentionDays: 30, shutdownDelayMs: 0, publicUrl: 'http://localhost:3000' });
  });

  it('refuses the same values where the listen addresses are read before the configuration', () => {
    expect(configErrorOf(() => listenAddresses({ PORT: ' ' })).message).toBe('PORT: must be a port number from 0 to 65535, in decimal digits');
    expect(configErrorOf(() => listenAddresses({ FITGATE_METRICS_PORT: '0x10' })).variable).toBe('FITGATE_METRICS_PORT');
  });

  it("refuses them for the standalone emulator's EMULATOR_PORT too", () => {
    expect(configErrorOf(() => loadEmulatorConfig({ EMULATOR_PORT: '1e3' })).message).toBe('EMULATOR_PORT: must be a port number from 0 to 65535, in decimal digits');
    expect(configErrorOf(() => loadEmulatorConfig({ EMULATOR_PORT: ' ' })).variable).toBe('EMULATOR_PORT');
    expect(loadEmulatorConfig({ EMULATOR_PORT: '' }).port).toBe(4010);
  });
});
