import { afterAll, beforeAll, expect, it } from '@jest/globals';
import request from 'supertest';
import { createClient } from '../../../../../src/domain/clients.js';
import { TOKEN_VAULT_GRANT_TYPE } from '../../../../../src/domain/grant_types.js';
import { describeEachStore } from '../../../../support/stores.js';
import { CLIENT_CALLBACK, startFrontChannel, type FrontChannel, useEmulator } from '../../../../support/authn/front_channel_fixture.js';
import { answerConsent, consentFormOf } from '../../../../support/authn/third_party_app.js';
import { TOKEN_VAULT_PARAMS } from '../../../../support/authn/token_vault_fixture.js';

const emulator = useEmulator('alice');

/**
 * The consent page asks the person for fitgate's scopes only (who they are, their profile, staying
 * connected); it never asks for their Fitbit data. So a third-party application (is_first_party
 * false) holding the Token Vault grant type gets no upstream token for the refresh token the person
 * allowed it: Auth0 keeps Token Vault to first-party applications. Its refresh token still refreshes.
 */
describeEachStore('the Token Vault exchange for a third-party application', (harness) => {
  let fitgate: FrontChannel;
  beforeAll(async () => {
    fitgate = await startFrontChannel({ store: harness.store(), upstream: { kind: 'emulator', emulator: emulator() } });
  });
  afterAll(() => fitgate.close());

  it('refuses it unauthorized_client after the person accepted openid and offline_access, and hands out no upstream token', async () => {
    const { client, clientSecret } = await createClient(fitgate.store.clients, {
      tenant: fitgate.tenant,
      name: 'Partner with the vault grant',
      appType: 'regular_web',
      callbacks: [CLIENT_CALLBACK],
      grantTypes: ['authorization_code', 'refresh_token', TOKEN_VAULT_GRANT_TYPE],
      settings: { isFirstParty: false },
    });
    const connection = await fitgate.store.connections.getByName(fitgate.tenant, 'fitbit');
    await fitgate.store.connections.update({ ...connection!, enabledClients: [...connection!.enabledClients, client.clientId] });
    const token = (params: Record<string, string>) =>
      request(fitgate.url).post('/oauth/token').set('Host', new URL(fitgate.tenantUrl).host).auth(client.clientId, clientSecret ?? '').type('form').send(params);

    const browser = fitgate.browser();
    const { page } = await browser.follow(fitgate.authorizeUrl({ client_id: client.clientId, connection: 'fitbit', scope: 'openid offline_access' }), CLIENT_CALLBACK);
    const answer = await answerConsent(fitgate, browser, consentFormOf(page!), 'accept');
    const tokens = await token({ grant_type: 'authorization_code', code: answer.location?.searchParams.get('code') ?? '', redirect_uri: CLIENT_CALLBACK }).expect(200);
    const refreshToken = String(tokens.body.refresh_token);

    const exchanged = await token({ ...TOKEN_VAULT_PARAMS, subject_token: refreshToken });
    expect(exchanged.status).toBe(400);
    expect(exchanged.body).toEqual({ error: 'unauthorized_client', error_description: 'a third-party application cannot use the Token Vault grant' });

    await token({ grant_type: 'refresh_token', refresh_token: refreshToken }).expect(200);
  });
});
