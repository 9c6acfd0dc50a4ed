import { describe, expect, it } from '@jest/globals';
import { buildClient } from '../../../../src/domain/clients.js';
import type { CalledUrlReach } from '../../../../src/domain/called_url_reach.js';
import { applyClientUpdate } from '../../../../src/management/clients/client_update.js';

const now = new Date('2026-11-22T01:00:00Z');
const reach: CalledUrlReach = { internal: false, ownPorts: new Map() };

/**
 * A public client holds no client grant (client_grant_held_check.ts): a PATCH that would leave one
 * holding a grant is refused, whether the PATCH makes it public or it was stored so before the rule,
 * until it is given a secret (or its grant is deleted, a change of its own).
 */
describe('a client PATCH and the client grant a public client may not hold', () => {
  it('refuses making public a confidential client that holds a grant, even without client_credentials', () => {
    const { client } = buildClient({ tenant: 't', name: 'Web', appType: 'regular_web', grantTypes: ['authorization_code'], managementScopes: ['read:users'] });
    expect(() => applyClientUpdate(client, { token_endpoint_auth_method: 'none' }, now, reach)).toThrow(/^Invalid token_endpoint_auth_method: none\./);
  });

  it('takes a client without a grant made public', () => {
    const { client } = buildClient({ tenant: 't', name: 'Web', appType: 'regular_web', grantTypes: ['authorization_code'] });
    expect(applyClientUpdate(client, { token_endpoint_auth_method: 'none' }, now, reach).client.tokenEndpointAuthMethod).toBe('none');
  });

  it('refuses any PATCH of one stored public with a grant before the rule, until it is given a secret', () => {
    const { client } = buildClient({ tenant: 't', name: 'Old', appType: 'non_interactive', tokenEndpointAuthMethod: 'none', grantTypes: [], managementScopes: ['read:users'] });
    expect(() => applyClientUpdate(client, { name: 'Renamed' }, now, reach)).toThrow(/holds cgr_/);
    const confidential = applyClientUpdate(client, { name: 'Renamed', token_endpoint_auth_method: 'client_secret_post' }, now, reach);
    expect(confidential.client).toMatchObject({ name: 'Renamed', managementScopes: ['read:users'] });
    expect(confidential.clientSecret).toEqual(expect.any(String));
  });
});
