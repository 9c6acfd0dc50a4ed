import { describe, expect, it } from '@jest/globals';
import { loadConfig } from '../../../src/config/index.js';
import { publicUrlPortWarning } from '../../../src/config/public_url_port_warning.js';
import { tempDataDir } from './config_support.js';

const configOf = (environment: Record<string, string>) => loadConfig({ FITGATE_DATA_DIR: tempDataDir(), ...environment });

/**
 * FITGATE_PUBLIC_URL given with another port than the one fitgate listens on, no proxy declared: the
 * dashboard link the start prints leads nowhere. The start says so, with the URL to set instead.
 */
describe('the start warning of a public URL whose port fitgate does not listen on', () => {
  it('names both ports, the URL with the listening port, PORT, and the port mapping for which it is expected', () => {
    const warning = publicUrlPortWarning(configOf({ PORT: '3914', FITGATE_PUBLIC_URL: 'http://localhost:3000' }), 3914);
    expect(warning?.variable).toBe('FITGATE_PUBLIC_URL');
    expect(warning?.message).toBe(
      'FITGATE_PUBLIC_URL is http://localhost:3000, port 3000, but fitgate listens on port 3914: the dashboard link, ' +
        "the issuer and every callback URL name a port nothing of fitgate's answers on. Set FITGATE_PUBLIC_URL=http://localhost:3914 " +
        '(or PORT=3000); only if a port mapping forwards 3000 to 3914 (docker run -p 3000:3914) is this expected',
    );
  });

  it("counts a public URL without a port as its scheme's default port", () => {
    const warning = publicUrlPortWarning(configOf({ FITGATE_PUBLIC_URL: 'http://127.0.0.1' }), 3000);
    expect(warning?.message).toContain('FITGATE_PUBLIC_URL is http://127.0.0.1, port 80, but fitgate listens on port 3000');
    expect(warning?.message).toContain('Set FITGATE_PUBLIC_URL=http://127.0.0.1:3000 (or PORT=80)');
  });

  it('is not given when the ports agree, written or by default', () => {
    expect(publicUrlPortWarning(configOf({ PORT: '3914', FITGATE_PUBLIC_URL: 'http://localhost:3914' }), 3914)).toBeUndefined();
    expect(publicUrlPortWarning(configOf({ PORT: '80', FITGATE_PUBLIC_URL: 'http://localhost' }), 80)).toBeUndefined();
  });

  it('is not given behind a declared proxy, nor in production', () => {
    expect(publicUrlPortWarning(configOf({ FITGATE_PUBLIC_URL: 'http://localhost:8080', FITGATE_TRUST_PROXY: 'loopback' }), 3000)).toBeUndefined();
    const production = {
      NODE_ENV: 'production',
      FITGATE_PUBLIC_URL: 'https://id.example.com',
      FITGATE_TRUST_PROXY: '1',
      FITGATE_MASTER_KEY: Buffer.alloc(32, 1).toString('base64'),
      FITGATE_SESSION_SECRETS: 'a'.repeat(32),
    };
    expect(publicUrlPortWarning({ ...configOf(production), trustProxy: undefined }, 3000)).toBeUndefined();
  });
});
