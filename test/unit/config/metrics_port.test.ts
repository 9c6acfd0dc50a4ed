import { describe, expect, it } from '@jest/globals';
import { loadConfig } from '../../../src/config/index.js';
import { configErrorOf, tempDataDir } from './config_support.js';

const load = (environment: Record<string, string>) => loadConfig({ FITGATE_DATA_DIR: tempDataDir(), ...environment });

describe('FITGATE_METRICS_PORT', () => {
  it('is off when unset', () => {
    expect(load({}).metricsPort).toBeUndefined();
  });

  it('is the port /metrics listens on when set', () => {
    expect(load({ FITGATE_METRICS_PORT: '9464' }).metricsPort).toBe(9464);
  });

  it('stops start-up when it is the public PORT, naming the variable', () => {
    const error = configErrorOf(() => load({ PORT: '3000', FITGATE_METRICS_PORT: '3000' }));
    expect(error.message).toBe('FITGATE_METRICS_PORT: must differ from PORT: the metrics must not be served on the public listener');
  });

  it('stops start-up when it is not a port number', () => {
    expect(configErrorOf(() => load({ FITGATE_METRICS_PORT: 'nine' })).message).toMatch(/^FITGATE_METRICS_PORT: must be a port number/);
  });
});
