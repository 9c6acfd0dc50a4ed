import { describe, expect, it } from '@jest/globals';
import { loadConfig } from '../../../src/config/index.js';
import { tempDataDir } from './config_support.js';

/**
 * The public URL is kept as its origin, the form clients compare an issuer in: a scheme's default
 * port (https://id.example.com:443) is dropped, as browsers and SDKs drop it, rather than published
 * in the issuer and every callback URL, which clients that normalise the URL then refuse.
 */
describe('the public URL with its default port', () => {
  it.each([
    ['https://id.example.com:443', 'https://id.example.com', 'id.example.com'],
    ['https://id.example.com:443/', 'https://id.example.com', 'id.example.com'],
    ['http://id.example.com:80', 'http://id.example.com', 'id.example.com'],
    ['https://ID.Example.COM', 'https://id.example.com', 'id.example.com'],
    ['http://id.example.com:443', 'http://id.example.com:443', 'id.example.com:443'],
    ['https://id.example.com:8443', 'https://id.example.com:8443', 'id.example.com:8443'],
  ])('FITGATE_PUBLIC_URL=%s is %s, base host %s', (given, publicUrl, baseHost) => {
    const config = loadConfig({ FITGATE_DATA_DIR: tempDataDir(), FITGATE_PUBLIC_URL: given });
    expect({ publicUrl: config.publicUrl, baseHost: config.baseHost }).toEqual({ publicUrl, baseHost });
  });

  it('drops PORT=80 from the default http://localhost URL', () => {
    const config = loadConfig({ FITGATE_DATA_DIR: tempDataDir(), PORT: '80' });
    expect({ publicUrl: config.publicUrl, baseHost: config.baseHost, port: config.port }).toEqual({ publicUrl: 'http://localhost', baseHost: 'localhost', port: 80 });
  });
});
