import { expect, it } from '@jest/globals';
import request from 'supertest';
import { describeEachStore } from '../../../support/stores.js';
import { useBackChannel } from '../../../support/authn/back_channel_fixture.js';

describeEachStore('discovery and JWKS', (harness) => {
  const backChannel = useBackChannel(harness);

  it('publishes exactly what the tenant supports, under its own issuer', async () => {
    const bc = backChannel();
    const response = await request(bc.app).get('/.well-known/openid-configuration').set('Host', bc.host).expect(200);
    const url = bc.tenantUrl;
    expect(response.body).toMatchObject({
      issuer: `${url}/`,
      authorization_endpoint: `${url}/authorize`,
      token_endpoint: `${url}/oauth/token`,
      userinfo_endpoint: `${url}/userinfo`,
      jwks_uri: `${url}/.well-known/jwks.json`,
      revocation_endpoint: `${url}/oauth/revoke`,
      end_session_endpoint: `${url}/oidc/logout`,
      response_types_supported: ['code', 'id_token', 'code id_token'],
      response_modes_supported: ['query', 'fragment', 'form_post', 'web_message'],
      code_challenge_methods_supported: ['S256'],
      id_token_signing_alg_values_supported: ['RS256'],
      grant_types_supported: ['authorization_code', 'implicit', 'refresh_token', 'client_credentials'],
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'none'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      subject_types_supported: ['public'],
    });
    expect(response.body.claims_supported).toEqual(
      expect.arrayContaining(['sub', 'name', 'given_name', 'family_name', 'nickname', 'picture', 'email', 'email_verified']),
    );
    expect(response.headers['access-control-allow-origin']).toBe('*');
  });

  it('gives each tenant its own issuer and keys', async () => {
    const bc = backChannel();
    const other = await request(bc.app).get('/.well-known/openid-configuration').set('Host', bc.other.host).expect(200);
    expect(other.body.issuer).not.toBe(`${bc.tenantUrl}/`);
    const mine = await request(bc.app).get('/.well-known/jwks.json').set('Host', bc.host).expect(200);
    const theirs = await request(bc.app).get('/.well-known/jwks.json').set('Host', bc.other.host).expect(200);
    expect(mine.body.keys[0].kid).not.toBe(theirs.body.keys[0].kid);
  });

  it('publishes every signing key as a public RS256 JWK and nothing private', async () => {
    const bc = backChannel();
    const response = await request(bc.app).get('/.well-known/jwks.json').set('Host', bc.host).expect(200);
    expect(response.body.keys).toHaveLength(bc.tenant.signingKeys.length);
    for (const key of response.body.keys) {
      expect(Object.keys(key).sort()).toEqual(['alg', 'e', 'kid', 'kty', 'n', 'use']);
      expect(key).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
    }
  });
});
