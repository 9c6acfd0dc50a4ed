import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import type { TokenEndpointAuthMethod } from '../../../../src/domain/types.js';
import { describeEachStore } from '../../../support/stores.js';
import { basicAuth, CALLBACK, CHALLENGE, useBackChannel, VERIFIER, type BackChannel } from '../../../support/authn/back_channel_fixture.js';

type SecretMethod = Exclude<TokenEndpointAuthMethod, 'none'>;

/** How a request carries a confidential client's secret: the Authorization header or the body. */
interface Transport {
  name: SecretMethod;
  /** The body with the credentials added, and the Authorization header to send if any. */
  apply(params: Record<string, string>, clientId: string, secret: string): { params: Record<string, string>; authorization?: string };
}

const TRANSPORTS: readonly Transport[] = [
  { name: 'client_secret_basic', apply: (params, clientId, secret) => ({ params, authorization: basicAuth(clientId, secret) }) },
  { name: 'client_secret_post', apply: (params, clientId, secret) => ({ params: { ...params, client_id: clientId, client_secret: secret } }) },
];

/** Every registered method of a confidential client, with every way of sending its secret. */
const PAIRS = (['client_secret_basic', 'client_secret_post'] as const).flatMap((registered) =>
  TRANSPORTS.map((transport) => ({ registered, transport })),
);

/**
 * Pins what an application's `token_endpoint_auth_method` restricts at /oauth/token (every grant)
 * and /oauth/revoke: whether the client must send a secret, not where. A confidential client
 * (client_secret_basic or client_secret_post) authenticates with its secret by HTTP Basic or in the
 * body, whichever it registered, because Auth0's own SDKs send one fixed way whatever the
 * application's setting (express-openid-connect Basic; auth0-auth-js, node-auth0, passport-auth0 the
 * body) and work against Auth0 with its defaults. A public client (none) sends its client_id alone,
 * and a secret from it is refused. docs/authentication-api.md#client-authentication says why.
 */
describeEachStore('the registered token_endpoint_auth_method', (harness) => {
  const backChannel = useBackChannel(harness);

  const token = (bc: BackChannel, transport: Transport, clientId: string, secret: string, params: Record<string, string>) => {
    const sent = transport.apply(params, clientId, secret);
    return bc.token(sent.params, sent.authorization);
  };

  const revoke = (bc: BackChannel, params: Record<string, string>, authorization?: string) => {
    const call = request(bc.app).post('/oauth/revoke').set('Host', bc.host).type('form');
    if (authorization) call.set('Authorization', authorization);
    return call.send(params);
  };

  describe('of a confidential client does not choose between HTTP Basic and the body', () => {
    it.each(PAIRS)('registered $registered, sending $transport.name: code, refresh and revocation succeed', async ({ registered, transport }) => {
      const bc = backChannel();
      const { client, secret } = await bc.addClient({ tokenEndpointAuthMethod: registered });
      const user = await bc.addUser();
      const code = await bc.putCode({ clientId: client.clientId, userId: user.userId });

      const exchanged = await token(bc, transport, client.clientId, secret, { grant_type: 'authorization_code', code, redirect_uri: CALLBACK }).expect(200);
      const refreshToken = exchanged.body.refresh_token as string;
      expect(refreshToken).toEqual(expect.any(String));
      await token(bc, transport, client.clientId, secret, { grant_type: 'refresh_token', refresh_token: refreshToken }).expect(200);

      const sent = transport.apply({ token: refreshToken }, client.clientId, secret);
      await revoke(bc, sent.params, sent.authorization).expect(200);
      // The revocation took effect: the client authenticated as itself, not merely got past the door.
      const after = await token(bc, transport, client.clientId, secret, { grant_type: 'refresh_token', refresh_token: refreshToken }).expect(400);
      expect(after.body.error).toBe('invalid_grant');
    });

    it.each(PAIRS)('registered $registered, sending $transport.name: client_credentials succeeds', async ({ registered, transport }) => {
      const bc = backChannel();
      const { client, secret } = await bc.addClient({
        appType: 'non_interactive',
        name: 'CI',
        managementScopes: ['read:users'],
        tokenEndpointAuthMethod: registered,
      });
      const response = await token(bc, transport, client.clientId, secret, {
        grant_type: 'client_credentials',
        audience: `${bc.tenantUrl}/api/v2/`,
      }).expect(200);
      expect(response.body).toMatchObject({ token_type: 'Bearer', scope: 'read:users' });
    });

    it.each(PAIRS)('registered $registered, sending $transport.name with a wrong secret: invalid_client', async ({ registered, transport }) => {
      const bc = backChannel();
      const { client } = await bc.addClient({ tokenEndpointAuthMethod: registered });
      const response = await token(bc, transport, client.clientId, 'wrong', { grant_type: 'client_credentials' }).expect(401);
      expect(response.body.error).toBe('invalid_client');
    });

    it('refuses a confidential client that sends its client_id without a secret, at /oauth/token and /oauth/revoke', async () => {
      const bc = backChannel();
      for (const registered of ['client_secret_basic', 'client_secret_post'] as const) {
        const { client } = await bc.addClient({ tokenEndpointAuthMethod: registered });
        const expected = { error: 'invalid_client', error_description: 'this client must authenticate with its client secret' };
        const atToken = await bc.token({ grant_type: 'refresh_token', refresh_token: 'x', client_id: client.clientId }).expect(401);
        expect(atToken.body).toEqual(expected);
        const atRevoke = await revoke(bc, { token: 'x', client_id: client.clientId }).expect(401);
        expect(atRevoke.body).toEqual(expected);
      }
    });
  });

  describe('of a public client (none) admits no secret', () => {
    const publicClient = async (bc: BackChannel) => (await bc.addClient({ appType: 'spa', name: 'Acme SPA' })).client;
    const expected = { error: 'invalid_client', error_description: 'this client is public and authenticates without a secret' };

    it('exchanges its code with client_id and code_verifier alone, and revokes with client_id alone', async () => {
      const bc = backChannel();
      const client = await publicClient(bc);
      expect(client.tokenEndpointAuthMethod).toBe('none');
      const user = await bc.addUser();
      const code = await bc.putCode({ clientId: client.clientId, userId: user.userId, codeChallenge: CHALLENGE, codeChallengeMethod: 'S256' });
      const exchanged = await bc
        .token({ grant_type: 'authorization_code', code, redirect_uri: CALLBACK, client_id: client.clientId, code_verifier: VERIFIER })
        .expect(200);
      const refreshToken = exchanged.body.refresh_token as string;
      await revoke(bc, { token: refreshToken, client_id: client.clientId }).expect(200);
      const after = await bc.token({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: client.clientId }).expect(400);
      expect(after.body.error).toBe('invalid_grant');
    });

    it('refuses a client_secret in the body at /oauth/token and /oauth/revoke, without a Basic challenge', async () => {
      const bc = backChannel();
      const client = await publicClient(bc);
      const atToken = await bc.token({ grant_type: 'refresh_token', refresh_token: 'x', client_id: client.clientId, client_secret: 'anything' }).expect(401);
      expect(atToken.body).toEqual(expected);
      expect(atToken.headers['www-authenticate']).toBeUndefined();
      const atRevoke = await revoke(bc, { token: 'x', client_id: client.clientId, client_secret: 'anything' }).expect(401);
      expect(atRevoke.body).toEqual(expected);
      expect(atRevoke.headers['www-authenticate']).toBeUndefined();
    });

    it('refuses HTTP Basic at /oauth/token and /oauth/revoke, with a Basic challenge', async () => {
      const bc = backChannel();
      const client = await publicClient(bc);
      const authorization = basicAuth(client.clientId, 'anything');
      const atToken = await bc.token({ grant_type: 'refresh_token', refresh_token: 'x' }, authorization).expect(401);
      expect(atToken.body).toEqual(expected);
      expect(atToken.headers['www-authenticate']).toMatch(/^Basic realm=/);
      const atRevoke = await revoke(bc, { token: 'x' }, authorization).expect(401);
      expect(atRevoke.body).toEqual(expected);
      expect(atRevoke.headers['www-authenticate']).toMatch(/^Basic realm=/);
    });
  });
});
