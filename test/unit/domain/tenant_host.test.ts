import { describe, expect, it } from '@jest/globals';
import { tenantHostOf } from '../../../src/domain/tenant_host.js';
import { ownDomainUrl, tenantUrlsOf } from '../../../src/domain/tenants.js';

const https = { publicUrl: 'https://fitgate.example', baseHost: 'fitgate.example' };

/**
 * One form of a host for finding a tenant and for naming its URLs: a request's Host and a stored own
 * domain written in capitals, with the scheme's default port or a trailing dot name the same URL, so
 * the URL a login was made at is still among the tenant's URLs (tenantUrlsOf).
 */
describe('tenantHostOf', () => {
  it('lower-cases, and drops the scheme’s default port and a trailing dot', () => {
    expect(tenantHostOf('Login.Acme.COM', 'https:')).toBe('login.acme.com');
    expect(tenantHostOf('login.acme.com:443', 'https:')).toBe('login.acme.com');
    expect(tenantHostOf('login.acme.com.', 'https:')).toBe('login.acme.com');
    expect(tenantHostOf('Login.Acme.com.:80', 'http:')).toBe('login.acme.com');
  });

  it('keeps any other port', () => {
    expect(tenantHostOf('login.acme.com:80', 'https:')).toBe('login.acme.com:80');
    expect(tenantHostOf('login.acme.com:8443', 'https:')).toBe('login.acme.com:8443');
  });
});

describe('the URLs of a tenant’s own domains', () => {
  it('are named as a request’s Host finds the tenant, however the domain was stored', () => {
    expect(ownDomainUrl(https, 'Login.Acme.com:443')).toBe('https://login.acme.com');
    expect(tenantUrlsOf(https, { name: 'acme', domains: ['Login.Acme.com', 'login.acme.com:443', 'id.acme.com.'] })).toEqual([
      'https://acme.fitgate.example',
      'https://login.acme.com',
      'https://id.acme.com',
    ]);
  });
});
