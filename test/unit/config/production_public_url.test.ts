import { describe, expect, it } from '@jest/globals';
import { loadConfig } from '../../../src/config/index.js';
import { configErrorOf, productionSettings, tempDataDir } from './config_support.js';

/**
 * With NODE_ENV=production the public URL decides the issuer, the callback URLs and Secure cookies,
 * so it must be given; fitgate serves plain HTTP, so an https URL needs a proxy it trusts.
 */
describe('FITGATE_PUBLIC_URL and FITGATE_TRUST_PROXY in production', () => {
  const production = (changes: Record<string, string | undefined> = {}) => ({ ...productionSettings(), FITGATE_DATA_DIR: tempDataDir(), ...changes });
  const warningsOf = (changes: Record<string, string | undefined>) => loadConfig(production(changes)).warnings.map((warning) => warning.variable);

  it('refuses to start without a public URL, naming the variable', () => {
    expect(configErrorOf(() => loadConfig(production({ FITGATE_PUBLIC_URL: undefined }))).message).toBe(
      'FITGATE_PUBLIC_URL: is required when NODE_ENV=production: the https address users reach fitgate at, e.g. https://id.example.com',
    );
  });

  it.each([undefined, 'false', '0'])('refuses an https URL when FITGATE_TRUST_PROXY is %s: no request would be seen as https', (trustProxy) => {
    const error = configErrorOf(() => loadConfig(production({ FITGATE_TRUST_PROXY: trustProxy })));
    expect(error.variable).toBe('FITGATE_TRUST_PROXY');
    expect(error.message).toMatch(/^FITGATE_TRUST_PROXY: is required when NODE_ENV=production and FITGATE_PUBLIC_URL is https: .*X-Forwarded-Proto/);
  });

  it('starts with an https URL behind a trusted proxy, without a warning about either', () => {
    const config = loadConfig(production({ FITGATE_TRUST_PROXY: '10.0.0.0/8' }));
    expect(config.publicUrl).toBe('https://id.example.com');
    expect(config.warnings).toEqual([]);
  });

  it('warns about an http URL other than this machine: cookies are not Secure', () => {
    const config = loadConfig(production({ FITGATE_PUBLIC_URL: 'http://id.example.com', FITGATE_TRUST_PROXY: undefined }));
    expect(config.warnings).toEqual([
      {
        variable: 'FITGATE_PUBLIC_URL',
        message: expect.stringMatching(/^FITGATE_PUBLIC_URL is http:\/\/id\.example\.com with NODE_ENV=production: cookies are not marked Secure/),
      },
    ]);
  });

  it.each(['http://localhost:3000', 'http://127.0.0.1:8080', 'http://[::1]:3000', 'http://id.localhost'])('does not warn about %s, which only this machine reaches', (url) => {
    expect(warningsOf({ FITGATE_PUBLIC_URL: url, FITGATE_TRUST_PROXY: undefined })).toEqual([]);
  });

  it('outside production, still defaults the URL, and only warns about https without a trusted proxy', () => {
    expect(loadConfig({ FITGATE_DATA_DIR: tempDataDir() }).publicUrl).toBe('http://localhost:3000');
    const config = loadConfig({ FITGATE_DATA_DIR: tempDataDir(), FITGATE_PUBLIC_URL: 'https://id.example.com' });
    expect(config.warnings.map((warning) => warning.variable)).toEqual(['FITGATE_TRUST_PROXY']);
    expect(loadConfig({ FITGATE_DATA_DIR: tempDataDir(), FITGATE_PUBLIC_URL: 'http://id.example.com' }).warnings).toEqual([]);
  });
});
