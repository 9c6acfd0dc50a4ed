import { describe, expect, it } from '@jest/globals';
import { grantTenantUrl } from '../../../../src/authn/tokens/grant_tenant_url.js';
import type { TenantContext } from '../../../../src/http/request_context.js';
import type { Tenant } from '../../../../src/domain/types.js';

const config = { publicUrl: 'https://fitgate.example', baseHost: 'fitgate.example' };
const acme = { name: 'acme', domains: ['login.acme.com'], signingKeys: [], createdAt: '2026-01-01T00:00:00.000Z' } as Tenant;
const atBase: TenantContext = { tenant: acme, tenantUrl: 'https://acme.fitgate.example' };
const atOwnDomain: TenantContext = { tenant: acme, tenantUrl: 'https://login.acme.com' };

describe('grantTenantUrl', () => {
  it('is the tenant URL the login was made under, whichever of the tenant’s hosts asks', () => {
    expect(grantTenantUrl(config, atBase, 'https://login.acme.com')).toBe('https://login.acme.com');
    expect(grantTenantUrl(config, atOwnDomain, 'https://acme.fitgate.example')).toBe('https://acme.fitgate.example');
  });

  it('is the host asked for a record that remembers none, as before records remembered it', () => {
    expect(grantTenantUrl(config, atOwnDomain, undefined)).toBe('https://login.acme.com');
  });

  it('keeps the URL of a login at an own domain stored in capitals or with the default port, as the request found it', () => {
    for (const stored of ['Login.Acme.com', 'login.acme.com:443']) {
      const tenant = { ...acme, domains: [stored] };
      expect(grantTenantUrl(config, { tenant, tenantUrl: 'https://acme.fitgate.example' }, 'https://login.acme.com')).toBe('https://login.acme.com');
    }
  });

  it('is the host asked when the tenant is no longer reached at the remembered URL', () => {
    expect(grantTenantUrl(config, atBase, 'https://login.other.com')).toBe('https://acme.fitgate.example');
    expect(grantTenantUrl(config, atBase, 'https://acme.old-base.example')).toBe('https://acme.fitgate.example');
  });
});
