import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { TOKEN_VAULT_PARAMS, addVaultApp, exchange, refreshTokenFor, type VaultApp } from '../../../../support/authn/token_vault_fixture.js';
import { useHarnessWithEmulator, type ManagementHarness } from '../../../management/harness.js';

const basic = (clientId: string, secret: string) => `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`).toString('base64')}`;

/** The exchange with HTTP Basic credentials (client_secret_basic) and `body` as the form. */
function basicExchange(harness: ManagementHarness, authorization: string, body: Record<string, string>): request.Test {
  return request(harness.apps[0]!).post('/oauth/token').set('Host', harness.host).set('Authorization', authorization).type('form').send({ ...TOKEN_VAULT_PARAMS, ...body });
}

/**
 * The Token Vault exchange authenticates the application as every grant does (RFC 6749 §2.3): its
 * secret by HTTP Basic or in the body, one method per request. A wrong secret, a Basic header and a
 * body secret together, a body client_id other than the Basic one, or the client_id alone of a
 * confidential application get no upstream token, and every answer, refusals included, is no-store.
 */
describe('the Token Vault exchange authenticates the application', () => {
  const { harness } = useHarnessWithEmulator('token-vault-client-auth');

  it('answers client_secret_basic as client_secret_post, and refuses every failed or mixed authentication', async () => {
    const user = await harness.seedUser('alice');
    const app: VaultApp = await addVaultApp(harness);
    const other = await addVaultApp(harness);
    const subject_token = await refreshTokenFor(harness, app, user);
    const { clientId } = app.client;

    const byBasic = await basicExchange(harness, basic(clientId, app.secret), { subject_token }).expect(200);
    expect(byBasic.body.access_token).toEqual(expect.any(String));

    const refusals: [string, request.Test, number, string][] = [
      ['wrong secret in the body', exchange(harness, app, { subject_token, client_secret: `${app.secret}x` }), 401, 'invalid_client'],
      ['wrong secret by Basic', basicExchange(harness, basic(clientId, `${app.secret}x`), { subject_token }), 401, 'invalid_client'],
      ["another application's secret", exchange(harness, app, { subject_token, client_secret: other.secret }), 401, 'invalid_client'],
      ['client_id alone', exchange(harness, app, { subject_token, client_secret: undefined }), 401, 'invalid_client'],
      ['Basic and a body secret', basicExchange(harness, basic(clientId, app.secret), { subject_token, client_secret: app.secret }), 400, 'invalid_request'],
      ['Basic of another application, body client_id of this one', basicExchange(harness, basic(other.client.clientId, other.secret), { subject_token, client_id: clientId }), 400, 'invalid_request'],
    ];
    for (const [what, pending, status, error] of refusals) {
      const response = await pending;
      expect({ what, status: response.status, error: response.body.error, cacheControl: response.headers['cache-control'] }).toEqual({ what, status, error, cacheControl: 'no-store' });
      expect(response.body).not.toHaveProperty('access_token');
    }
  });
});
