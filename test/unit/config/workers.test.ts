import { describe, expect, it } from '@jest/globals';
import { autoWorkerCount } from '../../../src/config/cpu_quota.js';
import { loadConfig } from '../../../src/config/index.js';
import { configErrorOf, productionSettings, tempDataDir } from './config_support.js';

const production = productionSettings;

describe('FITGATE_WORKERS', () => {
  it('is one process (no cluster) by default in development and test', () => {
    expect(loadConfig({ FITGATE_DATA_DIR: tempDataDir() }).workers).toBe(1);
    expect(loadConfig({ FITGATE_DATA_DIR: tempDataDir(), NODE_ENV: 'test' }).workers).toBe(1);
  });

  it('is one worker per usable core (within a cgroup CPU quota, cpu_quota.test.ts) by default in production', () => {
    expect(loadConfig({ FITGATE_DATA_DIR: tempDataDir(), ...production() }).workers).toBe(autoWorkerCount());
  });

  it('takes "auto" or a number in any environment', () => {
    expect(loadConfig({ FITGATE_DATA_DIR: tempDataDir(), FITGATE_WORKERS: 'auto' }).workers).toBe(autoWorkerCount());
    expect(loadConfig({ FITGATE_DATA_DIR: tempDataDir(), FITGATE_WORKERS: '3' }).workers).toBe(3);
    expect(loadConfig({ FITGATE_DATA_DIR: tempDataDir(), ...production(), FITGATE_WORKERS: '1' }).workers).toBe(1);
  });

  it.each(['0', '-2', '1.5', 'many', '1000'])('refuses %s, naming the variable', (value) => {
    const error = configErrorOf(() => loadConfig({ FITGATE_DATA_DIR: tempDataDir(), FITGATE_WORKERS: value }));
    expect(error.message).toContain('FITGATE_WORKERS');
    expect(error.message).toContain('"auto" or a whole number');
  });
});
