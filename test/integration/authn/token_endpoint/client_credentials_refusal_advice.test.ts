import { expect, it } from '@jest/globals';
import { describeEachStore } from '../../../support/stores.js';
import { basicAuth, useBackChannel } from '../../../support/authn/back_channel_fixture.js';

/**
 * The two refusals a first Management API token meets, after Auth0's words: an audience that is not
 * the tenant's Management API (most often it without its trailing slash) is answered with the
 * audience to send, and an application not authorized for the API with where to authorize it.
 */
describeEachStore('what a refused client_credentials request is told to do', (harness) => {
  const backChannel = useBackChannel(harness);

  it('names the audience to send after "Service not found"', async () => {
    const bc = backChannel();
    const { client, secret } = await bc.addClient({ appType: 'non_interactive', name: 'CI', managementScopes: ['read:users'] });
    const audience = `${bc.tenantUrl}/api/v2/`;
    for (const sent of [`${bc.tenantUrl}/api/v2`, audience.replace(/^http:/, 'https:')]) {
      const refused = await bc.token({ grant_type: 'client_credentials', audience: sent }, basicAuth(client.clientId, secret)).expect(403);
      expect(refused.body).toEqual({
        error: 'access_denied',
        error_description: `Service not found: ${sent}. The one API this tenant serves to client_credentials is its Management API, audience "${audience}"`,
      });
    }
  });

  it('says where to authorize an application that holds no grant', async () => {
    const bc = backChannel();
    const { client, secret } = await bc.addClient({ appType: 'non_interactive', name: 'CI' });
    const audience = `${bc.tenantUrl}/api/v2/`;
    const refused = await bc.token({ grant_type: 'client_credentials', audience }, basicAuth(client.clientId, secret)).expect(403);
    expect(refused.body).toEqual({
      error: 'access_denied',
      error_description: `Client is not authorized to access "${audience}": authorize it on its page in the dashboard, under Management API, or with POST /api/v2/client-grants`,
    });
  });
});
