import { describe, expect, it } from '@jest/globals';
import { loadConfig } from '../../../src/config/index.js';
import { tempDataDir } from './config_support.js';

/**
 * An https public URL at a domain of two labels puts the tenants among the organisation's own names
 * (www, mail, an intranet), and Strict-Transport-Security is sent there without includeSubDomains:
 * start-up says so, and names a dedicated host to use instead.
 */
describe('an https public URL at a domain of two labels', () => {
  const publicUrlWarnings = (publicUrl: string) =>
    loadConfig({ FITGATE_DATA_DIR: tempDataDir(), FITGATE_PUBLIC_URL: publicUrl }).warnings.filter((warning) => warning.variable === 'FITGATE_PUBLIC_URL');

  it.each(['https://example.com', 'https://Example.COM:443', 'https://example.com.', 'https://example.com:8443'])('is warned about (%s), naming a host of its own', (publicUrl) => {
    const [warning, ...more] = publicUrlWarnings(publicUrl);
    expect(more).toEqual([]);
    expect(warning?.message).toMatch(/^FITGATE_PUBLIC_URL is at example\.com, a domain of two labels/);
    expect(warning?.message).toContain('tenants live at NAME.example.com');
    expect(warning?.message).toContain('without includeSubDomains');
    expect(warning?.message).toMatch(/give fitgate a host of its own, such as id\.example\.com$/);
  });

  it.each(['https://id.example.com', 'http://example.com', 'https://acme.localhost', 'https://localhost', 'https://10.0.4.2', 'https://[::1]', 'https://fitgate'])(
    'is not warned about at %s',
    (publicUrl) => {
      expect(publicUrlWarnings(publicUrl)).toEqual([]);
    },
  );
});
