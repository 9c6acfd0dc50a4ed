import { describe, expect, it } from '@jest/globals';
import { callbackUrlOf, ownDomainUrl, roundTripTenantUrl, tenantUrl } from '../../../src/domain/tenants.js';

/**
 * The one choice of the URL an upstream round trip comes back to (its callback URL is the
 * redirect_uri): a login and a TRY make it alike, at the start and at the callback.
 */
describe('the tenant URL a round trip comes back to', () => {
  const config = { publicUrl: 'https://id.example.com:8443', baseHost: 'id.example.com:8443' };
  const onHost = (tenant: string, url: string) => ({ tenant: { name: tenant }, tenantUrl: url });

  it('is the own domain the request is on, for a login and a TRY there alike', () => {
    const ownDomain = onHost('acme', ownDomainUrl(config, 'login.acme.test'));

    expect(roundTripTenantUrl(config, 'acme', ownDomain)).toBe('https://login.acme.test');
    expect(callbackUrlOf(roundTripTenantUrl(config, 'acme', ownDomain))).toBe('https://login.acme.test/login/callback');
  });

  it('is NAME.<base host> for a request on it, port and scheme kept', () => {
    expect(roundTripTenantUrl(config, 'acme', onHost('acme', tenantUrl(config, 'acme')))).toBe('https://acme.id.example.com:8443');
  });

  it("is the tenant's URL for a request on another tenant's host (an admin managing acme from the base host)", () => {
    expect(roundTripTenantUrl(config, 'acme', onHost('default', 'https://id.example.com:8443'))).toBe('https://acme.id.example.com:8443');
    expect(roundTripTenantUrl(config, 'default', onHost('acme', 'https://login.acme.test'))).toBe('https://id.example.com:8443');
  });

  it("is the tenant's URL without a request (the vault refreshing a token)", () => {
    expect(roundTripTenantUrl(config, 'acme')).toBe(tenantUrl(config, 'acme'));
  });

  it("builds an own domain's URL with the public URL's scheme", () => {
    expect(ownDomainUrl({ publicUrl: 'http://localhost:3000' }, 'login.acme.test:3000')).toBe('http://login.acme.test:3000');
  });
});
