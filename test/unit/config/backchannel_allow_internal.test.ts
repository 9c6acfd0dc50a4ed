import { describe, expect, it } from '@jest/globals';
import { loadConfig } from '../../../src/config/index.js';
import { configErrorOf, productionSettings, tempDataDir } from './config_support.js';

const load = (environment: Record<string, string>) => loadConfig({ FITGATE_DATA_DIR: tempDataDir(), ...environment });

/**
 * Whether back-channel logout URLs may lead to this host and private networks: yes where the receiver
 * is a local app (development, test), no in production unless the operator says so; either default
 * can be turned.
 */
describe('FITGATE_BACKCHANNEL_ALLOW_INTERNAL', () => {
  it('is on by default in development and test', () => {
    expect(load({}).backchannelAllowInternal).toBe(true);
    expect(load({ NODE_ENV: 'development' }).backchannelAllowInternal).toBe(true);
    expect(load({ NODE_ENV: 'test' }).backchannelAllowInternal).toBe(true);
  });

  it('is off by default in production, and on when set', () => {
    expect(load(productionSettings()).backchannelAllowInternal).toBe(false);
    expect(load({ ...productionSettings(), FITGATE_BACKCHANNEL_ALLOW_INTERNAL: 'on' }).backchannelAllowInternal).toBe(true);
  });

  it('can be turned off in development, to try production\'s rule', () => {
    expect(load({ NODE_ENV: 'development', FITGATE_BACKCHANNEL_ALLOW_INTERNAL: 'off' }).backchannelAllowInternal).toBe(false);
  });

  it('stops start-up on a value that is no flag, naming the variable', () => {
    expect(configErrorOf(() => load({ FITGATE_BACKCHANNEL_ALLOW_INTERNAL: 'loopback' })).message).toBe(
      'FITGATE_BACKCHANNEL_ALLOW_INTERNAL: must be one of on/off, true/false, 1/0, yes/no',
    );
  });
});
