import { describe, expect, it } from '@jest/globals';
import { buildClient, verifyClientSecret } from '../../../../src/domain/clients.js';
import type { CalledUrlReach } from '../../../../src/domain/called_url_reach.js';
import { applyClientUpdate } from '../../../../src/management/clients/client_update.js';

const now = new Date('2026-11-22T01:00:00Z');
/** As in production; none of these PATCHes sets a back-channel logout URL. */
const reach: CalledUrlReach = { internal: false, ownPorts: new Map() };

describe('a client PATCH', () => {
  it('changes the given fields, keeps the rest and the secret', () => {
    const { client, clientSecret } = buildClient({ tenant: 't', name: 'Old', appType: 'regular_web', callbacks: ['https://a.example/cb'] });
    const updated = applyClientUpdate(client, { name: 'New' }, now, reach);

    expect(updated.clientSecret).toBeUndefined();
    expect(updated.client).toMatchObject({ name: 'New', callbacks: ['https://a.example/cb'], updatedAt: now.toISOString() });
    expect(verifyClientSecret(updated.client, clientSecret!)).toBe(true);
  });

  it('gives a public client that becomes confidential a new secret, shown once', () => {
    const { client } = buildClient({ tenant: 't', name: 'SPA', appType: 'spa' });
    const updated = applyClientUpdate(client, { token_endpoint_auth_method: 'client_secret_basic' }, now, reach);

    expect(updated.clientSecret).toEqual(expect.any(String));
    expect(verifyClientSecret(updated.client, updated.clientSecret!)).toBe(true);
  });

  it('drops the secret of a client that becomes public', () => {
    const { client, clientSecret } = buildClient({ tenant: 't', name: 'Web', appType: 'regular_web' });
    // Without client_credentials too, which a public client may not hold.
    const updated = applyClientUpdate(client, { token_endpoint_auth_method: 'none', grant_types: ['authorization_code', 'refresh_token'] }, now, reach);

    expect(updated.client.clientSecretHash).toBeUndefined();
    expect(verifyClientSecret(updated.client, clientSecret!)).toBe(false);
  });
});
