import { describe, expect, it } from '@jest/globals';
import { loadConfig } from '../../../src/config/index.js';
import { publicUrlPortWarning } from '../../../src/config/public_url_port_warning.js';
import { tempDataDir } from './config_support.js';

const configOf = (environment: Record<string, string>) => loadConfig({ FITGATE_DATA_DIR: tempDataDir(), ...environment });

/**
 * PORT=0 listens on a port the default public URL cannot follow: the start says so, naming the bound
 * port and the URL that stayed behind, and what to set. A given public URL or a fixed PORT says nothing.
 */
describe('the start warning of a random port under the default public URL', () => {
  it('names the bound port, the public URL it does not follow and FITGATE_PUBLIC_URL, for PORT=0 alone', () => {
    const warning = publicUrlPortWarning(configOf({ PORT: '0' }), 41234);
    expect(warning?.variable).toBe('FITGATE_PUBLIC_URL');
    expect(warning?.message).toBe(
      'PORT=0 without FITGATE_PUBLIC_URL: fitgate listens on port 41234, but its public URL (and so the dashboard link) ' +
        'stays http://localhost:3000, which does not follow the random port; set FITGATE_PUBLIC_URL to the address fitgate is reached at',
    );
  });

  it('is not given when FITGATE_PUBLIC_URL is set, even to the default URL itself', () => {
    expect(publicUrlPortWarning(configOf({ PORT: '0', FITGATE_PUBLIC_URL: 'http://localhost:3000' }), 41234)).toBeUndefined();
  });

  it('is not given when PORT names the port, which the default public URL follows', () => {
    expect(publicUrlPortWarning(configOf({ PORT: '3001' }), 3001)).toBeUndefined();
    expect(publicUrlPortWarning(configOf({}), 3000)).toBeUndefined();
  });
});
