import { describe, expect, it } from '@jest/globals';
import { loadEmulatorConfig } from '../../../src/config/emulator_config.js';

describe('standalone emulator configuration', () => {
  it('listens on 127.0.0.1:4010 with no seed file by default', () => {
    expect(loadEmulatorConfig({})).toEqual({ port: 4010, host: '127.0.0.1', seedFile: undefined });
  });

  it('reads EMULATOR_PORT, EMULATOR_HOST and EMULATOR_SEED_FILE', () => {
    expect(loadEmulatorConfig({ EMULATOR_PORT: '5000', EMULATOR_HOST: '0.0.0.0', EMULATOR_SEED_FILE: './seed.json' })).toEqual({
      port: 5000,
      host: '0.0.0.0',
      seedFile: './seed.json',
    });
  });

  it('names the variable when a value is bad', () => {
    expect(() => loadEmulatorConfig({ EMULATOR_PORT: 'eighty' })).toThrow(/^EMULATOR_PORT: /);
  });
});
