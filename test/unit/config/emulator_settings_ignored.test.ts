import { describe, expect, it } from '@jest/globals';
import { listenAddresses, loadConfig } from '../../../src/config/index.js';
import { loadEmulatorConfig } from '../../../src/config/emulator_config.js';
import { configErrorOf, tempDataDir } from './config_support.js';

const BAD_EMULATOR_SETTINGS = { EMULATOR_PORT: 'abc', EMULATOR_HOST: '', EMULATOR_SEED_FILE: '' };

/**
 * EMULATOR_PORT, EMULATOR_HOST and EMULATOR_SEED_FILE belong to the standalone emulator
 * (`npm run emulator`); fitgate, whose sandbox is served in-process on PORT, reads none of them, so
 * a bad one left in a shared environment file must not stop it. The emulator still refuses it.
 */
describe("the standalone emulator's settings", () => {
  it('do not stop fitgate, even when the emulator would refuse them', () => {
    expect(() => loadConfig({ FITGATE_DATA_DIR: tempDataDir(), ...BAD_EMULATOR_SETTINGS })).not.toThrow();
    expect(() => listenAddresses(BAD_EMULATOR_SETTINGS)).not.toThrow();
  });

  it('are not warned about as unknown fitgate settings either', () => {
    expect(loadConfig({ FITGATE_DATA_DIR: tempDataDir(), ...BAD_EMULATOR_SETTINGS }).unknownSettings).toEqual([]);
  });

  it('are still checked by the emulator, which reads them', () => {
    expect(configErrorOf(() => loadEmulatorConfig(BAD_EMULATOR_SETTINGS)).variable).toBe('EMULATOR_PORT');
  });
});
