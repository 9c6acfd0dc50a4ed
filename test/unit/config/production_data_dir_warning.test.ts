import { resolve } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { loadConfig } from '../../../src/config/index.js';
import { productionSettings, tempDataDir } from './config_support.js';

/**
 * Production on the embedded store is supported on a single host; a data directory relative to the
 * working directory (the default ./data, in a container thrown away at each redeploy) is warned
 * about, naming the absolute path it resolves to.
 */
describe('the embedded data directory in production', () => {
  const dataDirWarnings = (environment: Record<string, string>) =>
    loadConfig({ ...productionSettings(), ...environment }).warnings.filter((warning) => warning.variable === 'FITGATE_DATA_DIR');

  it.each([['./data', {}], ['state/fitgate', { FITGATE_DATA_DIR: 'state/fitgate' }]])(
    'is warned about when relative (%s), naming the absolute path and what to set',
    (relative, environment: Record<string, string>) => {
      // The secrets come from the environment: nothing is written to the directory named.
      const [warning] = dataDirWarnings(environment);
      expect(warning?.message).toContain(`the embedded store is in ${resolve(relative)}, relative to the working directory (FITGATE_DATA_DIR is ${relative})`);
      expect(warning?.message).toContain('set FITGATE_DATA_DIR to an absolute path');
      expect(warning?.message).toContain('or REDIS_URL');
    },
  );

  it('is not warned about when absolute, on Redis, or outside production', () => {
    expect(dataDirWarnings({ FITGATE_DATA_DIR: tempDataDir() })).toEqual([]);
    expect(dataDirWarnings({ FITGATE_DATA_DIR: 'data', REDIS_URL: 'redis://127.0.0.1:6379' })).toEqual([]);
    expect(loadConfig({ FITGATE_DATA_DIR: tempDataDir(), NODE_ENV: 'development' }).warnings).toEqual([]);
  });
});
