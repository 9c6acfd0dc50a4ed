import { describe, expect, it } from '@jest/globals';
import { logoutIssuerUrls } from '../../../src/domain/ended_sessions.js';
import type { Tenant } from '../../../src/domain/types.js';

const config = { publicUrl: 'https://fitgate.example', baseHost: 'fitgate.example' };
const tenant: Tenant = { name: 'acme', domains: ['login.acme.example'], signingKeys: [], createdAt: '2026-01-01T00:00:00.000Z' };
const NAMED = 'https://acme.fitgate.example';
const OWN = 'https://login.acme.example';
/** Where the end was asked: the tenant's NAME.<base host>, as the dashboard asks it. */
const place = { tenant, tenantUrl: NAMED };

/**
 * The URLs whose issuer the logout tokens of ended sessions carry: where the sign-ins were made, as
 * long as the tenant still has that host; otherwise where the end was asked, as before.
 */
describe('the issuers of the logout tokens of ended sessions', () => {
  it('are those of the hosts the sign-ins were made at, not the host the end was asked on', () => {
    expect(logoutIssuerUrls(config, place, [OWN])).toEqual([OWN]);
    expect(logoutIssuerUrls(config, place, [OWN, NAMED])).toEqual([OWN, NAMED]);
  });

  it('leave out a domain the tenant gave up, whose issuer is no longer its own to sign for', () => {
    expect(logoutIssuerUrls(config, place, ['https://login.other.example', OWN])).toEqual([OWN]);
    expect(logoutIssuerUrls(config, { ...place, tenant: { ...tenant, domains: [] } }, [OWN])).toEqual([NAMED]);
  });

  it('are the place’s for a record that does not say: from before sign-ins were remembered, or with none since the last end', () => {
    expect(logoutIssuerUrls(config, place, undefined)).toEqual([NAMED]);
    expect(logoutIssuerUrls(config, { tenant, tenantUrl: OWN }, undefined)).toEqual([OWN]);
  });

  it('know the default tenant by the public URL', () => {
    const fallback = { tenant: { ...tenant, name: 'default', domains: [] }, tenantUrl: 'https://elsewhere.example' };
    expect(logoutIssuerUrls(config, fallback, ['https://fitgate.example'])).toEqual(['https://fitgate.example']);
  });
});
