import { expect, it } from '@jest/globals';
import { describeEachStore } from '../../../support/stores.js';
import { basicAuth, CALLBACK, useBackChannel, type BackChannel } from '../../../support/authn/back_channel_fixture.js';

const APP_API = 'https://api.app.example';

/**
 * `audience` on the user grants at /oauth/token follows the rule of /authorize and client_credentials
 * (src/authn/tokens/audience_check.ts): a user's token is for the tenant's /userinfo, and any other
 * API is access_denied "Service not found". The refusal spends neither the code nor the refresh token.
 */
describeEachStore('/oauth/token audience on the user grants', (harness) => {
  const backChannel = useBackChannel(harness);

  async function codeFor(bc: BackChannel) {
    const { client, secret } = await bc.addClient();
    const user = await bc.addUser();
    const code = await bc.putCode({ clientId: client.clientId, userId: user.userId });
    return { client, code, auth: basicAuth(client.clientId, secret) };
  }

  it('authorization_code: refuses an API of the application and the Management API, leaving the code usable', async () => {
    const bc = backChannel();
    const { code, auth } = await codeFor(bc);
    for (const audience of [APP_API, `${bc.tenantUrl}/api/v2/`]) {
      const refused = await bc.token({ grant_type: 'authorization_code', code, redirect_uri: CALLBACK, audience }, auth).expect(403);
      expect(refused.body).toEqual({ error: 'access_denied', error_description: `Service not found: ${audience}` });
    }
    await bc.token({ grant_type: 'authorization_code', code, redirect_uri: CALLBACK }, auth).expect(200);
  });

  it('authorization_code: accepts the tenant userinfo audience', async () => {
    const bc = backChannel();
    const { code, auth } = await codeFor(bc);
    const response = await bc.token({ grant_type: 'authorization_code', code, redirect_uri: CALLBACK, audience: `${bc.tenantUrl}/userinfo` }, auth).expect(200);
    expect(response.body.access_token).toEqual(expect.any(String));
  });

  it('refresh_token: refuses another audience without spending the token, and accepts userinfo', async () => {
    const bc = backChannel();
    const { code, auth } = await codeFor(bc);
    const issued = await bc.token({ grant_type: 'authorization_code', code, redirect_uri: CALLBACK }, auth).expect(200);
    const refreshToken = issued.body.refresh_token as string;

    const refused = await bc.token({ grant_type: 'refresh_token', refresh_token: refreshToken, audience: APP_API }, auth).expect(403);
    expect(refused.body).toEqual({ error: 'access_denied', error_description: `Service not found: ${APP_API}` });
    await bc.token({ grant_type: 'refresh_token', refresh_token: refreshToken, audience: `${bc.tenantUrl}/userinfo` }, auth).expect(200);
  });

  it('logs the refusal as a failed exchange with its reason', async () => {
    const bc = backChannel();
    const { client, code, auth } = await codeFor(bc);
    await bc.token({ grant_type: 'authorization_code', code, redirect_uri: CALLBACK, audience: APP_API }, auth).expect(403);
    const { items } = await bc.store.logs.list(bc.tenant.name, { page: 0, perPage: 50, type: 'feacft' });
    expect(items.find((event) => event.clientId === client.clientId)).toMatchObject({ description: `Service not found: ${APP_API}` });
  });
});
