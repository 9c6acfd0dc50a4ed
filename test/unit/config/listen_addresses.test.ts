import { readdirSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { listenAddresses, loadConfig } from '../../../src/config/index.js';
import { configErrorOf, tempDataDir } from './config_support.js';

/** FITGATE_HOST and FITGATE_METRICS_HOST: where the public and the metrics listeners bind. */
describe('the listen addresses', () => {
  it('are every interface for the public port and loopback for the metrics by default', () => {
    const config = loadConfig({ FITGATE_DATA_DIR: tempDataDir() });
    expect(config.host).toBeUndefined();
    expect(config.metricsHost).toBe('127.0.0.1');
  });

  it('are the addresses given, IPv4, IPv6 or localhost', () => {
    const config = loadConfig({ FITGATE_DATA_DIR: tempDataDir(), FITGATE_HOST: '::1', FITGATE_METRICS_HOST: '10.1.2.3' });
    expect([config.host, config.metricsHost]).toEqual(['::1', '10.1.2.3']);
    expect(loadConfig({ FITGATE_DATA_DIR: tempDataDir(), FITGATE_HOST: 'localhost' }).host).toBe('localhost');
  });

  it.each([
    ['FITGATE_HOST', 'id.example.com'],
    ['FITGATE_HOST', '[::1]'],
    ['FITGATE_METRICS_HOST', '10.1.2.3:9464'],
  ])('refuse %s=%s, naming the variable', (variable, value) => {
    const error = configErrorOf(() => loadConfig({ FITGATE_DATA_DIR: tempDataDir(), [variable]: value }));
    expect(error.message).toMatch(new RegExp(`^${variable}: must be an IP address of this machine to listen on`));
  });

  it('are read on their own, before the configuration, without writing to the data directory', () => {
    const dataDir = tempDataDir();
    const environment = { FITGATE_DATA_DIR: dataDir, PORT: '3100', FITGATE_HOST: '127.0.0.1', FITGATE_METRICS_PORT: '9464' };
    expect(listenAddresses(environment)).toEqual({ port: 3100, host: '127.0.0.1', metricsPort: 9464, metricsHost: '127.0.0.1' });
    expect(readdirSync(dataDir)).toEqual([]);
    expect(configErrorOf(() => listenAddresses({ FITGATE_METRICS_PORT: 'nine' })).variable).toBe('FITGATE_METRICS_PORT');
  });
});
