import { describe, expect, it } from '@jest/globals';
import { loadConfig } from '../../../src/config/index.js';
import { configErrorOf, tempDataDir } from './config_support.js';

describe('LOG_FORMAT', () => {
  it('is unset unless given, leaving the choice to where stdout goes', () => {
    expect(loadConfig({ FITGATE_DATA_DIR: tempDataDir() }).logFormat).toBeUndefined();
  });

  it('takes json or pretty', () => {
    expect(loadConfig({ FITGATE_DATA_DIR: tempDataDir(), LOG_FORMAT: 'json' }).logFormat).toBe('json');
    expect(loadConfig({ FITGATE_DATA_DIR: tempDataDir(), LOG_FORMAT: 'pretty' }).logFormat).toBe('pretty');
  });

  it.each(['text', 'JSON', 'pino-pretty'])('refuses %s, naming the variable and the two values', (value) => {
    const error = configErrorOf(() => loadConfig({ FITGATE_DATA_DIR: tempDataDir(), LOG_FORMAT: value }));
    expect(error.message).toContain('LOG_FORMAT');
    expect(error.message).toContain('must be json or pretty');
  });
});
