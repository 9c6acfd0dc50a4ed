import { describe, expect, it } from '@jest/globals';
import { loadConfig } from '../../../src/config/index.js';
import { configErrorOf, productionSettings, tempDataDir } from './config_support.js';

const production = productionSettings;

describe('rate limit and log retention settings', () => {
  it('turns the rate limits on with the documented defaults in development and production', () => {
    const defaults = {
      tokenPerClient: { points: 100, durationSeconds: 1 },
      tokenPerAddress: { points: 100, durationSeconds: 1 },
      authorizePerAddress: { points: 300, durationSeconds: 60 },
      callbackPerAddress: { points: 300, durationSeconds: 60 },
      userinfoPerToken: { points: 10, durationSeconds: 60 },
      dashboardPerAddress: { points: 300, durationSeconds: 60 },
      managementPerClient: { points: 50, durationSeconds: 1 },
    };
    expect(loadConfig({ FITGATE_DATA_DIR: tempDataDir() }).rateLimits).toEqual(defaults);
    expect(loadConfig({ ...production(), FITGATE_DATA_DIR: tempDataDir() }).rateLimits).toEqual(defaults);
  });

  it('leaves them off under NODE_ENV=test unless FITGATE_RATE_LIMITS turns them on', () => {
    expect(loadConfig({ NODE_ENV: 'test', FITGATE_DATA_DIR: tempDataDir() }).rateLimits).toBeUndefined();
    expect(loadConfig({ NODE_ENV: 'test', FITGATE_DATA_DIR: tempDataDir(), FITGATE_RATE_LIMITS: 'on' }).rateLimits).toBeDefined();
  });

  it('turns them off with FITGATE_RATE_LIMITS=off, even in production', () => {
    expect(loadConfig({ ...production(), FITGATE_DATA_DIR: tempDataDir(), FITGATE_RATE_LIMITS: 'off' }).rateLimits).toBeUndefined();
  });

  it('reads each limit as POINTS/SECONDS', () => {
    const config = loadConfig({
      FITGATE_DATA_DIR: tempDataDir(),
      FITGATE_RATE_LIMIT_TOKEN_PER_CLIENT: '50/10',
      FITGATE_RATE_LIMIT_USERINFO_PER_TOKEN: '600/60',
      FITGATE_RATE_LIMIT_DASHBOARD_PER_ADDRESS: '1000/60',
      FITGATE_RATE_LIMIT_MANAGEMENT_PER_CLIENT: '5/1',
    });
    expect(config.rateLimits?.tokenPerClient).toEqual({ points: 50, durationSeconds: 10 });
    expect(config.rateLimits?.userinfoPerToken).toEqual({ points: 600, durationSeconds: 60 });
    expect(config.rateLimits?.dashboardPerAddress).toEqual({ points: 1000, durationSeconds: 60 });
    expect(config.rateLimits?.managementPerClient).toEqual({ points: 5, durationSeconds: 1 });
  });

  it.each(['300', '0/60', '10/0', '-1/60', 'ten/60', '10/60s'])('refuses a limit of %j, naming the variable', (value) => {
    const error = configErrorOf(() => loadConfig({ FITGATE_DATA_DIR: tempDataDir(), FITGATE_RATE_LIMIT_AUTHORIZE_PER_ADDRESS: value }));
    expect(error.message).toMatch(/^FITGATE_RATE_LIMIT_AUTHORIZE_PER_ADDRESS: must be POINTS\/SECONDS/);
  });

  it('keeps log events 30 days unless FITGATE_LOG_RETENTION_DAYS says otherwise', () => {
    expect(loadConfig({ FITGATE_DATA_DIR: tempDataDir() }).logRetentionDays).toBe(30);
    expect(loadConfig({ FITGATE_DATA_DIR: tempDataDir(), FITGATE_LOG_RETENTION_DAYS: '90' }).logRetentionDays).toBe(90);
  });

  it.each(['0', '1.5', 'forever', '3651'])('refuses a retention of %j days, naming the variable', (value) => {
    const error = configErrorOf(() => loadConfig({ FITGATE_DATA_DIR: tempDataDir(), FITGATE_LOG_RETENTION_DAYS: value }));
    expect(error.message).toMatch(/^FITGATE_LOG_RETENTION_DAYS: must be a whole number of days/);
  });
});
